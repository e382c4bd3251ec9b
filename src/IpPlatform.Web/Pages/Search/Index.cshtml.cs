using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Search;

/// <summary>
/// Public search: what is published, ranked, with the matching passages marked, filtered by kind, authority, program and
/// year. Anonymous result pages are output-cached until this instance's index changes.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IpPlatform.Web.Hosting.PlatformApp.SearchLimit)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Web.Hosting.PlatformApp.SearchPageCache)]
public sealed class IndexModel(PublicSearch search, AuthorityNames authorities, ProgramDirectory programs) : PageModel
{
    public string? Q { get; private set; }

    public string? Kind { get; private set; }

    public string? Authority { get; private set; }

    public string? Program { get; private set; }

    public string? Year { get; private set; }

    public SearchResults? Results { get; private set; }

    public IReadOnlyList<SelectListItem> Kinds { get; } = [.. PublicSearch.Kinds.Select(k => new SelectListItem(k.Value, k.Key))];

    public IReadOnlyList<SelectListItem> Authorities { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Programs { get; private set; } = [];

    public async Task OnGetAsync(string? q, string? kind, string? authority, string? program, string? year, int p = 1, CancellationToken ct = default)
    {
        var agencies = await authorities.GetAsync(ct);
        // The province and the cities (district bureaus publish under their city's programs).
        Authorities = [.. agencies.Where(a => a.Key.EndsWith("00", StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new SelectListItem(a.Value, a.Key))];
        Programs = [.. (await programs.ListAsync(ct)).GroupBy(s => s.ModuleId).Select(g => new SelectListItem(g.First().ModuleName, g.Key))];

        Q = q?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, SearchQuery.MaxLength)] : null;
        // Filter values outside their lists are ignored, never an error.
        Kind = kind is not null && PublicSearch.Kinds.ContainsKey(kind) ? kind : null;
        Authority = authority is not null && agencies.ContainsKey(authority) ? authority : null;
        Program = Programs.Any(s => s.Value == program) ? program : null;
        Year = year is { Length: 4 } && year.All(char.IsAsciiDigit) ? year : null;

        var facets = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (facet, value) in new[] { ("kind", Kind), ("authority", Authority), ("program", Program), ("year", Year) })
        {
            if (value is not null)
            {
                facets[facet] = [value];
            }
        }

        Results = Q is null && facets.Count == 0 ? null : search.Search(new SearchRequest(Q, facets, p));
    }

    /// <summary>The address of another page of these results.</summary>
    public string PageUrl(int page) => "/search" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["kind"] = Kind, ["authority"] = Authority, ["program"] = Program, ["year"] = Year, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)).ToUriComponent();
}
