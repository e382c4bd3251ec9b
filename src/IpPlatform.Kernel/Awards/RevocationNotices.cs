using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>The 公告/通报 published when an award was revoked (decisions about an organisation, not policy).</summary>
public sealed class RevocationNotices(DbContext db) : IDecisionNotices
{
    public async Task<IReadOnlyList<Guid>> ContentIdsAsync(CancellationToken ct) =>
        (await db.Set<AwardEvent>().AsNoTracking().Where(e => e.Kind == "revoked").Select(e => e.Details).ToListAsync(ct))
            .Select(d => Guid.TryParse(d["notice"]?.ToString(), out var notice) ? notice : Guid.Empty).Where(g => g != Guid.Empty).ToList();
}
