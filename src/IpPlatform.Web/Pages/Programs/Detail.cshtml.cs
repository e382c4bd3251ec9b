using IpPlatform.Web.Hosting;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Programs;

/// <summary>What a program is, who may apply, its rounds with their state, and its documents.</summary>
/// <remarks>Output-cached for anonymous visitors (the default policy never caches signed-in requests).</remarks>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class DetailModel(ProgramDirectory directory, NoticeQueries notices, RoundQueries rounds, Kernel.Awards.PublicDirectory awardees, TimeProvider clock) : PageModel
{
    public ProgramSummary Program { get; private set; } = null!;

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    public IReadOnlyList<NoticeListItem> Documents { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>The current list of awardees the program's module declares (seed 000: the cultivated institutions), if any.</summary>
    public Kernel.Awards.DirectoryPage? Awardees { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var program = (await directory.ListAsync(ct)).FirstOrDefault(p => p.Slug == slug);
        if (program is null)
        {
            return NotFound();
        }

        Program = program;
        Rounds = await rounds.RoundsOfAsync(slug, ct);
        Documents = (await notices.ListAsync(new NoticeFilter(null, slug, null, 1, 50), ct)).Items;
        Awardees = await awardees.FindAsync(slug, ct);
        Response.CachePublicly(User);
        return Page();
    }
}
