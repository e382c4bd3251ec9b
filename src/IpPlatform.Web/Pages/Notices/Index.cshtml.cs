using IpPlatform.Web.Hosting;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Notices;

/// <remarks>Output-cached for anonymous visitors (the default policy never caches signed-in requests).</remarks>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class IndexModel(NoticeQueries notices, ProgramDirectory programs, ListAuthorities authorities) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Authority { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Program { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public NoticePage Result { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Authorities { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await notices.ListAsync(new NoticeFilter(Authority, Program, Year, PageNumber), ct);
        Authorities = (await authorities.RunAsync(new AuthorityFilter(ExceptLevel: AuthorityLevel.District), ct))
            .Select(a => new SelectListItem(a.Agency, a.Code)).ToList();
        Programs = (await programs.ListAsync(ct)).Select(p => new SelectListItem(p.Name, p.Slug)).ToList();
        Response.CachePublicly(User);
    }

    public string PageLink(int page) =>
        $"/notices?Authority={Uri.EscapeDataString(Authority ?? "")}&Program={Uri.EscapeDataString(Program ?? "")}&Year={Year}&p={page}";
}
