using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// The answers of the given applications by id (for a program's own export tables). The caller has already limited the
/// ids to what the reviewer may see.
/// </summary>
public sealed class ApplicationAnswers(DbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, JsonObject>> OfAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        await db.Set<Application>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Answers, ct);
}
