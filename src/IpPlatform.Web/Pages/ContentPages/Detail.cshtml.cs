using IpPlatform.Kernel.Content;
using IpPlatform.Web.Hosting;
using IpPlatform.Web.Pages.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.ContentPages;

/// <summary>A published page (指南、说明 and other standing content editors keep).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class DetailModel(NoticeQueries content) : PageModel
{
    public NoticeView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await content.PublishedAsync(id, "Page", ct) is not { } found)
        {
            return NotFound();
        }

        View = NoticeView.From(found.Version, found.OwnerAgency);
        Response.CachePublicly(User);
        return Page();
    }
}
