using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Every program instance in the staff's order (<see cref="ProgramInstance.SortOrder"/>, then name), whether or not its
/// module is installed; the public list is <see cref="ProgramDirectory"/>.
/// </summary>
public sealed class ListPrograms(DbContext db)
{
    public async Task<IReadOnlyList<ProgramInstance>> RunAsync(CancellationToken ct = default) =>
        await db.Set<ProgramInstance>().AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(ct);
}
