using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

public sealed record MyApplication(Application Application, string RoundTitle, RoundState State);

/// <summary>An organisation's applications (not the reports it files as an awardee), the latest changed first, with the state of each round now.</summary>
public sealed class ListOrganisationApplications(DbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<MyApplication>> RunAsync(Guid? organisationId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return (await (from a in db.Set<Application>().AsNoTracking()
                       join r in db.Set<Round>().AsNoTracking() on a.RoundId equals r.Id
                       where a.OrganisationId == organisationId && a.Kind == ApplicationKind.Application
                       orderby a.UpdatedAt descending
                       select new { a, r }).ToListAsync(ct))
            .Select(x => new MyApplication(x.a, x.r.Title, x.r.StateAt(now))).ToList();
    }
}
