using IpPlatform.Kernel.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Notices;

public sealed class DetailModel(NoticeQueries notices) : PageModel
{
    public NoticeView Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await notices.PublishedAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Notice = NoticeView.From(found.Version, found.OwnerAgency);
        Response.Headers.CacheControl = "public, max-age=30";
        return Page();
    }
}
