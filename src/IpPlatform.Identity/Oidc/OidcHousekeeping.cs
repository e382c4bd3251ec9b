using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// OpenIddict's pruning, hourly: tokens (codes, refresh and access tokens) that can no longer be used are deleted once they
/// are older than <see cref="TokenAge"/> — a day past the longest a refresh token lives, so a replay is still recognised
/// and ends its grant until then — and grants with nothing left once they are a day old. Remembered consents stay. The
/// audit log keeps the history. The pass also reads the signing key ring, so a rotation is noticed without traffic.
/// </summary>
public sealed class OidcHousekeeping(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, SigningKeyRing keys, TimeProvider clock)
    : IpPlatform.Kernel.Scheduling.IScheduledWork
{
    public static readonly TimeSpan TokenAge = OidcLifetimes.RefreshToken + TimeSpan.FromDays(1);

    public static readonly TimeSpan AuthorizationAge = TimeSpan.FromDays(1);

    Task IpPlatform.Kernel.Scheduling.IScheduledWork.RunAsync(CancellationToken ct) => PurgeAsync(ct);

    public async Task<long> PurgeAsync(CancellationToken ct)
    {
        await keys.GetAsync(ct);
        var now = clock.GetUtcNow();
        var purged = await tokens.PruneAsync(now - TokenAge, ct);
        purged += await authorizations.PruneAsync(now - AuthorizationAge, ct);
        return purged;
    }
}
