using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Forms;

/// <summary>The latest version of every form, by key (the forms editor's list).</summary>
public sealed class ListLatestForms(DbContext db)
{
    public async Task<IReadOnlyList<FormVersion>> RunAsync(CancellationToken ct = default) =>
        await db.Set<FormVersion>().AsNoTracking()
            .Where(f => f.Version == db.Set<FormVersion>().Where(o => o.Key == f.Key).Max(o => o.Version))
            .OrderBy(f => f.Key).ToListAsync(ct);
}
