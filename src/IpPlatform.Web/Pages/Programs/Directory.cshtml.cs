using IpPlatform.Kernel.Awards;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Programs;

/// <summary>
/// A program's public list of current awardees (e.g. seed 002's 名录), read from the awards in force, so it is always in
/// step with filings, change reports, revocations and expiries. A module id names its program when there is only one
/// (/programs/info-outlet/directory). Output-cached for anonymous visitors and evicted when an award changes it.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class DirectoryModel(PublicDirectory directories) : PageModel
{
    public DirectoryPage Directory { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await directories.FindAsync(slug, ct) is not { } page)
        {
            return NotFound();
        }

        Directory = page;
        Response.CachePublicly(User);
        return Page();
    }
}
