using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>A program (项目) by its slug, tracked, as the editor's use cases change it.</summary>
public sealed class FindProgram(DbContext db)
{
    public Task<ProgramInstance?> FindAsync(string slug, CancellationToken ct = default) =>
        db.Set<ProgramInstance>().FirstOrDefaultAsync(p => p.Slug == slug, ct);
}
