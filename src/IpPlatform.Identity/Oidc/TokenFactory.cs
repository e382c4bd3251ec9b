using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IpPlatform.Identity.Oidc;

/// <summary>Signed tokens the provider issues: access tokens (RFC 9068 "at+jwt") and ID tokens (OIDC Core §2).</summary>
public sealed class TokenFactory(SigningKeyRing keys, OidcIssuer issuer, TimeProvider clock)
{
    public const string AccessTokenType = "at+jwt";

    /// <summary>The private claim naming the grant an access token belongs to (checked for revocation on every use).</summary>
    public const string GrantClaim = "gid";

    /// <param name="scopes">The grant's scopes, or fewer (a refresh may narrow them).</param>
    public async Task<string> AccessTokenAsync(OidcGrant grant, IReadOnlyList<string> scopes, DateTimeOffset now, CancellationToken ct)
    {
        var payload = new JsonObject
        {
            ["iss"] = issuer.Url,
            ["sub"] = grant.UserId?.ToString() ?? grant.ClientId,
            ["aud"] = grant.ClientId,
            ["client_id"] = grant.ClientId,
            ["scope"] = string.Join(' ', scopes),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + OidcLifetimes.AccessToken).ToUnixTimeSeconds(),
            ["jti"] = Jws.Base64Url(RandomNumberGenerator.GetBytes(16)),
            [GrantClaim] = grant.Id.ToString(),
        };
        if (grant.AuthTime is { } authTime)
        {
            payload["auth_time"] = authTime.ToUnixTimeSeconds();
        }

        var ring = await keys.GetAsync(ct);
        return Jws.Sign(payload, ring.Current, ring.Kid, AccessTokenType);
    }

    public async Task<string> IdTokenAsync(OidcGrant grant, string accessToken, string? nonce, DateTimeOffset now, CancellationToken ct)
    {
        var payload = new JsonObject
        {
            ["iss"] = issuer.Url,
            ["sub"] = grant.UserId.ToString(),
            ["aud"] = grant.ClientId,
            ["azp"] = grant.ClientId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + OidcLifetimes.IdToken).ToUnixTimeSeconds(),
            ["auth_time"] = grant.AuthTime?.ToUnixTimeSeconds(),
            ["amr"] = new JsonArray(grant.Amr.Select(a => (JsonNode?)a).ToArray()),
            ["at_hash"] = AtHash(accessToken),
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        var ring = await keys.GetAsync(ct);
        return Jws.Sign(payload, ring.Current, ring.Kid);
    }

    /// <summary>The left half of SHA-256 of the access token, base64url (OIDC Core §3.1.3.6, for RS256).</summary>
    public static string AtHash(string accessToken) => Jws.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));

    /// <summary>The payload of a valid, unexpired access token of this issuer; null otherwise (revocation is checked by the caller).</summary>
    public async Task<JsonObject?> ReadAccessTokenAsync(string token, DateTimeOffset now, CancellationToken ct)
    {
        var payload = await VerifyAsync(token, AccessTokenType, ct);
        return payload is not null
               && payload["iss"]?.ToString() == issuer.Url
               && payload["exp"] is JsonValue exp && exp.TryGetValue<long>(out var expires) && expires > now.ToUnixTimeSeconds()
            ? payload
            : null;
    }

    /// <summary>
    /// The payload of an ID token this issuer signed, expired or not (an id_token_hint at logout is usually expired).
    /// </summary>
    public async Task<JsonObject?> ReadIdTokenHintAsync(string token, CancellationToken ct)
    {
        var payload = await VerifyAsync(token, "JWT", ct);
        return payload is not null && payload["iss"]?.ToString() == issuer.Url ? payload : null;
    }

    /// <summary>
    /// Verifies against the published keys; a kid this instance does not know yet (another instance just rotated) makes
    /// it read the key table again, at most every ten seconds.
    /// </summary>
    private async Task<JsonObject?> VerifyAsync(string token, string type, CancellationToken ct)
    {
        var ring = await keys.GetAsync(ct);
        if (Jws.Verify(token, ring.PublicKey, type) is { } payload)
        {
            return payload;
        }

        if (Jws.KidOf(token) is not { } kid || ring.PublicKey(kid) is not null || clock.GetUtcNow() - ring.LoadedAt <= TimeSpan.FromSeconds(10))
        {
            return null;
        }

        keys.Reload();
        ring = await keys.GetAsync(ct);
        return Jws.Verify(token, ring.PublicKey, type);
    }
}
