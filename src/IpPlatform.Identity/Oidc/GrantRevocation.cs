using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>An access token that checked out: signed by us, unexpired, its grant unrevoked, its client enabled and its account still able to sign in.</summary>
public sealed record ValidAccessToken(JsonObject Payload, OidcGrant Grant, Accounts.PlatformUser? User);

/// <summary>
/// Revoking grants (RFC 7009 and the provider's own reasons) and checking presented tokens against them (userinfo,
/// RFC 7662 introspection). Revoking a grant ends every access and refresh token issued from it.
/// </summary>
public sealed class GrantRevocation(DbContext db, TokenFactory tokens, OidcClientCache clients, AuditLog audit, TimeProvider clock)
{
    public Task RevokeAsync(Guid grantId, string reason, CancellationToken ct) => RevokeAsync([grantId], reason, ct);

    /// <summary>Ends the grants (one statement) and records each with the reason.</summary>
    public async Task RevokeAsync(IReadOnlyCollection<Guid> grantIds, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.Set<OidcGrant>().Where(g => grantIds.Contains(g.Id) && g.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.RevokedAt, now).SetProperty(g => g.RevokedReason, reason), ct);
        foreach (var grantId in grantIds)
        {
            audit.Add("oidc.grant-revoked", revoked > 0 ? AuditOutcome.Success : AuditOutcome.Failure, objectType: "oidc-grant",
                objectId: grantId.ToString(), details: new JsonObject { ["reason"] = reason, ["alreadyRevoked"] = revoked == 0 });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>RFC 7009: a refresh or access token of <paramref name="client"/> revokes its grant; anything else is ignored.</summary>
    public async Task RevokeTokenAsync(OidcClient client, string token, CancellationToken ct)
    {
        var grantId = await GrantOfRefreshTokenAsync(token, ct);
        if (grantId is null && await tokens.ReadAccessTokenAsync(token, clock.GetUtcNow(), ct) is { } payload
            && Guid.TryParse(payload[TokenFactory.GrantClaim]?.ToString(), out var fromAccess))
        {
            grantId = fromAccess;
        }

        if (grantId is { } id && await db.Set<OidcGrant>().AnyAsync(g => g.Id == id && g.ClientId == client.ClientId, ct))
        {
            await RevokeAsync(id, "revoked-by-client", ct);
        }
    }

    public async Task<ValidAccessToken?> ValidateAccessTokenAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await tokens.ReadAccessTokenAsync(token, now, ct) is not { } payload || !Guid.TryParse(payload[TokenFactory.GrantClaim]?.ToString(), out var grantId))
        {
            return null;
        }

        var found = await db.Set<OidcGrant>().AsNoTracking().Where(g => g.Id == grantId && g.RevokedAt == null)
            .Select(g => new { Grant = g, User = db.Set<Accounts.PlatformUser>().FirstOrDefault(u => u.Id == g.UserId) })
            .FirstOrDefaultAsync(ct);
        if (found is null || await clients.FindAsync(found.Grant.ClientId, ct) is null)
        {
            return null; // revoked, or its client has been disabled since
        }

        return found.Grant.UserId is null ? new ValidAccessToken(payload, found.Grant, null)
            : UserClaims.IsCurrent(found.User, found.Grant.StampHash, now) ? new ValidAccessToken(payload, found.Grant, found.User)
            : null;
    }

    /// <summary>
    /// RFC 7662: what a token issued to the caller is; {active:false} for anything else, including other clients' tokens
    /// (§4: no scanning of tokens one does not hold).
    /// </summary>
    public async Task<JsonObject> IntrospectAsync(OidcClient caller, string token, CancellationToken ct)
    {
        if (await ValidateAccessTokenAsync(token, ct) is { } access && access.Grant.ClientId == caller.ClientId)
        {
            var result = new JsonObject { ["active"] = true, ["token_type"] = "Bearer" };
            foreach (var claim in new[] { "iss", "sub", "aud", "client_id", "scope", "exp", "iat", "jti", "auth_time" })
            {
                if (access.Payload[claim] is { } value)
                {
                    result[claim] = value.DeepClone();
                }
            }

            return result;
        }

        var now = clock.GetUtcNow();
        var hash = OpaqueToken.Hash(token);
        var refresh = await db.Set<OidcRefreshToken>().AsNoTracking()
            .Where(t => t.Hash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .Join(db.Set<OidcGrant>().Where(g => g.RevokedAt == null && g.ClientId == caller.ClientId), t => t.GrantId, g => g.Id,
                (t, g) => new { t.ExpiresAt, t.CreatedAt, g, User = db.Set<Accounts.PlatformUser>().FirstOrDefault(u => u.Id == g.UserId) })
            .FirstOrDefaultAsync(ct);
        return refresh is null || (refresh.g.UserId is not null && !UserClaims.IsCurrent(refresh.User, refresh.g.StampHash, now))
            ? new JsonObject { ["active"] = false }
            : new JsonObject
            {
                ["active"] = true, ["token_type"] = "refresh_token", ["client_id"] = refresh.g.ClientId, ["sub"] = refresh.g.UserId?.ToString(),
                ["scope"] = string.Join(' ', refresh.g.Scopes), ["exp"] = refresh.ExpiresAt.ToUnixTimeSeconds(), ["iat"] = refresh.CreatedAt.ToUnixTimeSeconds(),
            };
    }

    private async Task<Guid?> GrantOfRefreshTokenAsync(string token, CancellationToken ct)
    {
        var hash = OpaqueToken.Hash(token);
        var stored = await db.Set<OidcRefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        return stored?.GrantId;
    }
}
