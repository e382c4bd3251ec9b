using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages;

/// <remarks>Output-cached for anonymous visitors (the default policy never caches signed-in requests).</remarks>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class IndexModel(ProgramDirectory directory, NoticeQueries notices, RoundQueries rounds, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ProgramSummary> Programs { get; private set; } = [];

    public IReadOnlyList<OpenRound> OpenRounds { get; private set; } = [];

    public IReadOnlyList<NoticeListItem> LatestNotices { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programs = await directory.ListAsync(ct);
        OpenRounds = await rounds.OpenRoundsAsync(ct);
        LatestNotices = (await notices.ListAsync(new NoticeFilter(null, null, null, 1, 8), ct)).Items;
    }
}
