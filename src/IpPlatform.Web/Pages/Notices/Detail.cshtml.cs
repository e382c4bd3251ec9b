using IpPlatform.Web.Hosting;
using IpPlatform.Kernel.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Notices;

/// <remarks>Output-cached for anonymous visitors (the default policy never caches signed-in requests).</remarks>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class DetailModel(NoticeQueries notices) : PageModel
{
    public NoticeView Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await notices.PublishedAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Notice = NoticeView.From(found.Version, found.OwnerAgency, $"/notices/{id}/annexes");
        Response.CachePublicly(User);
        return Page();
    }
}
