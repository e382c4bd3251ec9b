using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>Every round of every program, the latest year first (the round choosers of the staff pages).</summary>
public sealed class ListRounds(DbContext db)
{
    public async Task<IReadOnlyList<Round>> RunAsync(CancellationToken ct = default) =>
        await db.Set<Round>().AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.Key).ToListAsync(ct);
}
