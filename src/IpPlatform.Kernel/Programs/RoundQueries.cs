using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>A round open now, with its program and the agency running it.</summary>
public sealed record OpenRound(Round Round, string ProgramSlug, string ProgramName, string OwnerAgency);

/// <summary>The rounds the public and staff pages list: those open now, and a program's.</summary>
public sealed class RoundQueries(DbContext db, TimeProvider clock)
{
    /// <summary>Every round open now (opened, or opening unset, and not yet closed), the soonest to close first.</summary>
    public async Task<IReadOnlyList<OpenRound>> OpenRoundsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await (from r in db.Set<Round>().AsNoTracking()
                      join p in db.Set<ProgramInstance>().AsNoTracking() on r.ProgramId equals p.Id
                      join a in db.Set<Authority>().AsNoTracking() on p.OwnerAuthorityCode equals a.Code
                      where (r.OpensAt == null || r.OpensAt <= now) && r.ClosesAt > now
                      orderby r.ClosesAt
                      select new OpenRound(r, p.Slug, p.Name, a.Agency)).ToListAsync(ct);
    }

    /// <summary>The rounds of the program with this slug, the latest year first.</summary>
    public async Task<IReadOnlyList<Round>> RoundsOfAsync(string programSlug, CancellationToken ct = default) =>
        await db.Set<Round>().AsNoTracking().Where(r => db.Set<ProgramInstance>().Any(p => p.Id == r.ProgramId && p.Slug == programSlug))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.ClosesAt).ToListAsync(ct);
}
