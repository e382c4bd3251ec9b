using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string Scope, string? IdToken, string? RefreshToken);

public sealed record TokenResult(TokenResponse? Response, OidcError? Error)
{
    public static TokenResult Fail(string code, string description) => new(null, new OidcError(code, description));
}

/// <summary>
/// The token endpoint's grants: authorization code (+ PKCE), refresh token (rotated; reuse revokes the grant) and client
/// credentials. Every issuance is audited in the same transaction as the tokens it records.
/// </summary>
public sealed class TokenService(DbContext db, TokenFactory tokens, GrantRevocation revocation, AuditLog audit, TimeProvider clock)
{
    public async Task<TokenResult> ExchangeCodeAsync(OidcClient client, string? code, string? redirectUri, string? verifier, CancellationToken ct)
    {
        if (!client.GrantTypes.Contains("authorization_code"))
        {
            return TokenResult.Fail("unauthorized_client", "the client may not use the authorization code grant");
        }

        if (string.IsNullOrEmpty(code))
        {
            return TokenResult.Fail("invalid_request", "code is required");
        }

        var now = clock.GetUtcNow();
        var hash = OpaqueToken.Hash(code);
        var found = await CodeWithAccount(db, hash, client.ClientId);
        if (found?.Code is not { } redeemed)
        {
            return TokenResult.Fail("invalid_grant", "unknown authorization code");
        }

        if (found.GrantId is { } earlier)
        {
            return await RefuseReplayAsync(earlier, ct);
        }

        var problem = redeemed.ExpiresAt <= now ? "authorization code expired"
            : redeemed.RedirectUri != redirectUri ? "redirect_uri differs from the authorization request"
            : (redeemed.CodeChallenge is null ? verifier is not null : !OpaqueToken.VerifierMatches(verifier, redeemed.CodeChallenge)) ? "PKCE verification failed"
            : !UserClaims.IsCurrent(found.User, redeemed.StampHash, now) ? "the account can no longer sign in"
            : null;
        if (problem is not null)
        {
            // The code stays unused: a stolen code presented without its verifier does not burn the client's code.
            await audit.RecordAsync("oidc.code-refused", AuditOutcome.Failure, objectType: "oidc-client", objectId: client.ClientId, actorId: redeemed.UserId,
                actorName: "client:" + client.ClientId, details: new JsonObject { ["reason"] = problem }, ct: ct);
            return TokenResult.Fail("invalid_grant", problem);
        }

        var grant = new OidcGrant
        {
            Id = Guid.CreateVersion7(), ClientId = client.ClientId, UserId = redeemed.UserId, Scopes = redeemed.Scopes, CodeHash = hash,
            AuthTime = redeemed.AuthTime, Amr = redeemed.Amr, StampHash = redeemed.StampHash, CreatedAt = now,
        };
        db.Add(grant);
        try
        {
            return await IssueAsync(client, grant, grant.Scopes, redeemed.Nonce, "authorization_code", now, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is System.Data.Common.DbException { SqlState: "23505" or "23503" })
        {
            // Another redemption of the same code inserted its grant first (23505), or the code was withdrawn meanwhile (23503).
            db.ChangeTracker.Clear();
            var winner = await db.Set<OidcGrant>().AsNoTracking().Where(g => g.CodeHash == hash).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
            return await RefuseReplayAsync(winner, ct);
        }
    }

    public async Task<TokenResult> RefreshAsync(OidcClient client, string? refreshToken, string? scope, CancellationToken ct)
    {
        if (!client.GrantTypes.Contains("refresh_token"))
        {
            return TokenResult.Fail("unauthorized_client", "the client may not use the refresh token grant");
        }

        if (string.IsNullOrEmpty(refreshToken))
        {
            return TokenResult.Fail("invalid_request", "refresh_token is required");
        }

        var now = clock.GetUtcNow();
        var hash = OpaqueToken.Hash(refreshToken);
        var found = await db.Set<OidcRefreshToken>().AsNoTracking().Where(t => t.Hash == hash)
            .Join(db.Set<OidcGrant>(), t => t.GrantId, g => g.Id, (t, g) => new { Token = t, Grant = g, User = db.Set<Accounts.PlatformUser>().FirstOrDefault(u => u.Id == g.UserId) })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.Grant.ClientId != client.ClientId)
        {
            return TokenResult.Fail("invalid_grant", "unknown refresh token");
        }

        var (stored, grant) = (found.Token, found.Grant);

        if (stored.UsedAt is not null)
        {
            await revocation.RevokeAsync(grant.Id, "refresh-token-reused", ct);
            return TokenResult.Fail("invalid_grant", "refresh token already used; the grant is revoked");
        }

        if (grant.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return TokenResult.Fail("invalid_grant", "refresh token expired or revoked");
        }

        if (grant.UserId is not null && !UserClaims.IsCurrent(found.User, grant.StampHash, now))
        {
            await revocation.RevokeAsync(grant.Id, "account-changed", ct);
            return TokenResult.Fail("invalid_grant", "the account can no longer sign in, or its password or second factor changed");
        }

        var scopes = grant.Scopes;
        if (!string.IsNullOrWhiteSpace(scope))
        {
            var asked = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            if (asked.Any(s => !grant.Scopes.Contains(s)))
            {
                return TokenResult.Fail("invalid_scope", "a refresh cannot widen the granted scope");
            }

            scopes = asked;
        }

        var used = await db.Set<OidcRefreshToken>().Where(t => t.Hash == hash && t.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
        if (used == 0)
        {
            // Someone else used it between our read and our write: a replay, handled like any reuse.
            await revocation.RevokeAsync(grant.Id, "refresh-token-reused", ct);
            return TokenResult.Fail("invalid_grant", "refresh token already used; the grant is revoked");
        }

        return await IssueAsync(client, grant, scopes, nonce: null, "refresh_token", now, ct);
    }

    public async Task<TokenResult> ClientCredentialsAsync(OidcClient client, string? scope, CancellationToken ct)
    {
        if (client.Type != OidcClientType.Confidential || !client.GrantTypes.Contains("client_credentials"))
        {
            return TokenResult.Fail("unauthorized_client", "the client may not use the client credentials grant");
        }

        // Every scope the provider knows concerns a person; a client acting for itself gets none of them.
        if (!string.IsNullOrWhiteSpace(scope))
        {
            return TokenResult.Fail("invalid_scope", "user scopes cannot be granted to a client acting for itself");
        }

        var now = clock.GetUtcNow();
        var grant = new OidcGrant { Id = Guid.CreateVersion7(), ClientId = client.ClientId, CreatedAt = now };
        db.Add(grant);
        return await IssueAsync(client, grant, [], nonce: null, "client_credentials", now, ct);
    }

    private async Task<TokenResult> IssueAsync(OidcClient client, OidcGrant grant, IReadOnlyList<string> scopes, string? nonce, string grantType, DateTimeOffset now, CancellationToken ct)
    {
        var accessToken = await tokens.AccessTokenAsync(grant, scopes, now, ct);
        var idToken = grant.UserId is not null && scopes.Contains("openid") ? await tokens.IdTokenAsync(grant, accessToken, nonce, now, ct) : null;
        string? refreshToken = null;
        // OIDC Core §11: a refresh token is offline access, which the user grants through the offline_access scope.
        if (grant.UserId is not null && client.GrantTypes.Contains("refresh_token") && grant.Scopes.Contains("offline_access"))
        {
            refreshToken = OpaqueToken.New();
            var expires = Min(now + OidcLifetimes.RefreshToken, grant.CreatedAt + OidcLifetimes.GrantMaximum);
            db.Add(new OidcRefreshToken { Hash = OpaqueToken.Hash(refreshToken), GrantId = grant.Id, CreatedAt = now, ExpiresAt = expires });
        }

        audit.Add("oidc.tokens-issued", objectType: "oidc-grant", objectId: grant.Id.ToString(), actorId: grant.UserId, actorName: "client:" + client.ClientId,
            details: new JsonObject { ["client"] = client.ClientId, ["grantType"] = grantType, ["scope"] = string.Join(' ', scopes), ["refreshToken"] = refreshToken is not null });

        // The grant, its refresh token and the audit record go in one batch, which PostgreSQL runs as one implicit
        // transaction — all or nothing — without the round trips of an explicit BEGIN and COMMIT.
        var behaviour = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = behaviour;
        }

        return new TokenResult(new TokenResponse(accessToken, (int)OidcLifetimes.AccessToken.TotalSeconds, string.Join(' ', scopes), idToken, refreshToken), null);
    }

    /// <summary>A code presented a second time: everything its first use issued is revoked.</summary>
    private async Task<TokenResult> RefuseReplayAsync(Guid? grantId, CancellationToken ct)
    {
        if (grantId is { } id)
        {
            await revocation.RevokeAsync(id, "code-reused", ct);
        }

        return TokenResult.Fail("invalid_grant", "authorization code already used; tokens issued from it are revoked");
    }

    /// <summary>
    /// The code, the account it was issued for and the grant of an earlier redemption, read untracked in one query (the
    /// hot path of the endpoint).
    /// </summary>
    private static readonly Func<DbContext, string, string, Task<CodeAndAccount?>> CodeWithAccount = EF.CompileAsyncQuery(
        (DbContext context, string hash, string clientId) => context.Set<OidcCode>().AsNoTracking()
            .Where(c => c.Hash == hash && c.ClientId == clientId)
            .Join(context.Set<Accounts.PlatformUser>(), c => c.UserId, u => u.Id,
                (c, u) => new CodeAndAccount(c, u, context.Set<OidcGrant>().Where(g => g.CodeHash == hash).Select(g => (Guid?)g.Id).FirstOrDefault()))
            .FirstOrDefault());

    private sealed record CodeAndAccount(OidcCode Code, Accounts.PlatformUser User, Guid? GrantId);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
