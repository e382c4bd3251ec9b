using IpPlatform.Kernel.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Search;

/// <summary>Public search: what is published, ranked, with the matching passages marked, filtered by authority and year.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IpPlatform.Web.Hosting.PlatformApp.SearchLimit)]
public sealed class IndexModel(PublicSearch search) : PageModel
{
    public string? Q { get; private set; }

    public string? Authority { get; private set; }

    public string? Year { get; private set; }

    public SearchResults? Results { get; private set; }

    public void OnGet(string? q, string? authority, string? year, int p = 1)
    {
        (Q, Authority, Year) = (q?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, SearchQuery.MaxLength)] : null, Clean(authority), Clean(year));
        var facets = new Dictionary<string, IReadOnlyList<string>>();
        if (Authority is not null)
        {
            facets["authority"] = [Authority];
        }

        if (Year is not null)
        {
            facets["year"] = [Year];
        }

        Results = Q is null && facets.Count == 0 ? null : search.Search(new SearchRequest(Q, facets, p));
    }

    /// <summary>Facet values are codes and years: anything else is ignored, never an error.</summary>
    private static string? Clean(string? value) => value is { Length: > 0 and <= 16 } && value.All(char.IsAsciiDigit) ? value : null;
}
