using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review;

/// <summary>Staff search over submitted applications and filings, trimmed to what the reviewer's queue may show.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IpPlatform.Web.Hosting.PlatformApp.SearchLimit)]
public sealed class SearchModel(StaffSearch search) : PageModel
{
    public string? Q { get; private set; }

    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, int p = 1)
    {
        var actor = User.WorkflowActor();
        if (!actor.IsReviewer)
        {
            return NotFound();
        }

        Q = q?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, SearchQuery.MaxLength)] : null;
        Results = Q is null ? null : await search.SearchAsync(Q, actor, p, HttpContext.RequestAborted);
        return Page();
    }
}
