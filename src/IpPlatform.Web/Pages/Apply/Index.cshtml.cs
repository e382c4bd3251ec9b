using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Pages.Apply;

public sealed record MyApplication(Application Application, string RoundTitle, RoundState State);

/// <summary>申报: the rounds open now, and this organisation's applications.</summary>
public sealed class IndexModel(NoticeQueries notices, DbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OpenRound> Open { get; private set; } = [];

    public IReadOnlyList<MyApplication> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Open = await notices.OpenRoundsAsync(ct);
        var organisation = User.OrganisationId();
        var now = clock.GetUtcNow();
        Mine = (await (from a in db.Set<Application>().AsNoTracking()
                       join r in db.Set<Round>().AsNoTracking() on a.RoundId equals r.Id
                       where a.OrganisationId == organisation && a.Kind == ApplicationKind.Application
                       orderby a.UpdatedAt descending
                       select new { a, r }).ToListAsync(ct))
            .Select(x => new MyApplication(x.a, x.r.Title, x.r.StateAt(now))).ToList();
    }
}
