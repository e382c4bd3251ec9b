using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>The slug of the program a round (by its key) belongs to, or null when there is no such round.</summary>
public sealed class ProgramOfRound(DbContext db)
{
    public async Task<string?> SlugAsync(string roundKey, CancellationToken ct = default) =>
        await (from r in db.Set<Round>()
               join p in db.Set<ProgramInstance>() on r.ProgramId equals p.Id
               where r.Key == roundKey
               select p.Slug).FirstOrDefaultAsync(ct);
}
