using IpPlatform.Kernel.Publicity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Publicity;

/// <summary>One 公示: the period, the organisations listed, and how to object (signed in, real name, within the period).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class DetailModel(PublicityViews publicity) : PageModel
{
    public PublicNotice Notice { get; private set; } = null!;

    public IReadOnlyList<PublicNoticeEntry> Entries { get; private set; } = [];

    public string? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await publicity.FindAsync(id, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (Notice, Entries) = found;
        Closed = publicity.PeriodRefusal(Notice);
        return Page();
    }
}
