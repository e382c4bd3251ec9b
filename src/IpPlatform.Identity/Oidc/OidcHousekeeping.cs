using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Deletes what can no longer be used: codes and refresh tokens a day after they expired (kept that long so a replay is
/// still recognised and revokes its grant), grants once no token issued from them can be alive. The audit log keeps
/// the history.
/// </summary>
public sealed class OidcHousekeeping(DbContext db, TimeProvider clock) : IpPlatform.Kernel.Scheduling.IScheduledWork
{
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    Task IpPlatform.Kernel.Scheduling.IScheduledWork.RunAsync(CancellationToken ct) => PurgeAsync(ct);

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var limit = now - Grace;
        var userGrantsBefore = now - OidcLifetimes.GrantMaximum - Grace;
        var purged = await db.Set<OidcCode>().Where(c => c.ExpiresAt < limit).ExecuteDeleteAsync(ct);
        purged += await db.Set<OidcRefreshToken>().Where(t => t.ExpiresAt < limit).ExecuteDeleteAsync(ct);
        purged += await db.Set<OidcGrant>()
            .Where(g => g.UserId == null ? g.CreatedAt < limit : g.CreatedAt < userGrantsBefore)
            .ExecuteDeleteAsync(ct);
        return purged;
    }
}
