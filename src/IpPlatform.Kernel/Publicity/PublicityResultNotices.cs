using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>The result notices of 公示 (decisions about the organisations listed, not policy).</summary>
public sealed class PublicityResultNotices(DbContext db) : IDecisionNotices
{
    public async Task<IReadOnlyList<Guid>> ContentIdsAsync(CancellationToken ct) =>
        await db.Set<PublicNotice>().AsNoTracking().Where(n => n.ResultNoticeId != null).Select(n => n.ResultNoticeId!.Value).ToListAsync(ct);
}
