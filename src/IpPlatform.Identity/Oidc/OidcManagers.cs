using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// OpenIddict's application manager with the platform's secret format: a client secret is 256 random bits, so it is
/// stored as its SHA-256 ("sha256:…") and compared in fixed time — a slow password hash would add nothing but cost to
/// every token request. Secrets registered before the move to OpenIddict keep working unchanged.
/// </summary>
public sealed class PlatformApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache, ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store) where TApplication : class
{
    public static string HashSecret(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HashSecret(secret));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(comparand.StartsWith("sha256:", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(comparand), Encoding.ASCII.GetBytes(HashSecret(secret))));
}

/// <summary>
/// OpenIddict's token manager storing a reference token (a code, a refresh token) under the hex SHA-256 of its handle,
/// the same digest the platform uses everywhere (<see cref="OpaqueToken.Hash"/>), and redeeming a token with one
/// conditional UPDATE (only a token still valid becomes redeemed: of two simultaneous redemptions exactly one wins) instead
/// of a change-tracked save of every column — the token endpoint's hottest write. A refresh token that loses that race was
/// used twice at once: its whole grant is revoked, as for a refresh token presented after its rotation (RFC 9700 §4.14.2).
/// </summary>
public sealed class PlatformTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache, ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictTokenStore<TToken> store, DbContext db, IServiceProvider services)
    : OpenIddictTokenManager<TToken>(cache, logger, options, store) where TToken : class
{
    protected override ValueTask<string> ObfuscateReferenceIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(OpaqueToken.Hash(identifier));

    public override async ValueTask<bool> TryRedeemAsync(TToken token, CancellationToken cancellationToken = default)
    {
        if (token is not OidcToken entity)
        {
            return await base.TryRedeemAsync(token, cancellationToken);
        }

        var redeemedAt = (Options.CurrentValue.TimeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var stamp = Guid.NewGuid().ToString();
        var updated = await db.Set<OidcToken>()
            .Where(t => t.Id == entity.Id && t.Status == Statuses.Valid)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, Statuses.Redeemed)
                .SetProperty(t => t.RedemptionDate, redeemedAt)
                .SetProperty(t => t.ConcurrencyToken, stamp), cancellationToken);
        if (updated == 0)
        {
            // What the row says now (redeemed by the request that won, or revoked): the handlers that follow read it.
            await db.Entry(entity).ReloadAsync(cancellationToken);
            if (entity.Type == TokenTypeIdentifiers.RefreshToken && entity.Authorization?.Id is { } grant)
            {
                // Resolved here: the revocation itself uses this manager.
                await services.GetRequiredService<GrantRevocation>().RevokeAsync(grant.ToString(), "refresh-token-used-twice-at-once", cancellationToken);
            }

            return false;
        }

        // The tracked entity now says what the row says, and a later save has nothing of it to write.
        entity.Status = Statuses.Redeemed;
        entity.RedemptionDate = redeemedAt;
        entity.ConcurrencyToken = stamp;
        var entry = db.Entry(entity);
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
        return true;
    }
}
