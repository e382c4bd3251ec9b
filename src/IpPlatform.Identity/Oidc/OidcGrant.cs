namespace IpPlatform.Identity.Oidc;

/// <summary>
/// One authorization given to a client: created when a code is redeemed (or for a client-credentials call) and shared by
/// every access and refresh token issued from it. Revoking the grant kills them all — a replayed code, a reused refresh
/// token, an RFC 7009 revocation, a user withdrawing consent.
/// </summary>
public sealed class OidcGrant
{
    public Guid Id { get; set; }

    public required string ClientId { get; set; }

    /// <summary>Null for a client-credentials grant (the client acts for itself).</summary>
    public Guid? UserId { get; set; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset? AuthTime { get; set; }

    /// <summary>Authentication methods of the sign-in behind the grant ("pwd", "mfa").</summary>
    public List<string> Amr { get; set; } = [];

    /// <summary>
    /// SHA-256 of the account's security stamp when the user signed in: a password change or reset, a new second factor
    /// or a disabled account changes the stamp, and the grant stops working (refresh, userinfo, introspection).
    /// </summary>
    public string? StampHash { get; set; }

    /// <summary>
    /// The code this grant was redeemed from. Unique: a code is used exactly when a grant names it, so of two redemptions
    /// the database lets one insert its grant, and a later one finds the grant to revoke.
    /// </summary>
    public string? CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}

/// <summary>An authorization code: stored by its SHA-256 only, valid <see cref="OidcLifetimes.Code"/>, used once (see <see cref="OidcGrant.CodeHash"/>).</summary>
public sealed class OidcCode
{
    public required string Hash { get; set; }

    public required string ClientId { get; set; }

    public Guid UserId { get; set; }

    public required string RedirectUri { get; set; }

    public List<string> Scopes { get; set; } = [];

    public string? Nonce { get; set; }

    /// <summary>The S256 PKCE challenge, when the client sent one.</summary>
    public string? CodeChallenge { get; set; }

    public DateTimeOffset AuthTime { get; set; }

    public List<string> Amr { get; set; } = [];

    public required string StampHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

}

/// <summary>A refresh token, stored by its SHA-256; each use rotates it (<see cref="UsedAt"/>), a second use revokes the grant.</summary>
public sealed class OidcRefreshToken
{
    public required string Hash { get; set; }

    public Guid GrantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Scopes a user allowed a (not first-party) client, remembered so the consent page is not shown again.</summary>
public sealed class OidcConsent
{
    public Guid UserId { get; set; }

    public required string ClientId { get; set; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset GrantedAt { get; set; }
}

public static class OidcLifetimes
{
    public static readonly TimeSpan Code = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan AccessToken = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan IdToken = TimeSpan.FromMinutes(10);

    /// <summary>Each refresh token lives this long; rotation cannot stretch a grant past <see cref="GrantMaximum"/>.</summary>
    public static readonly TimeSpan RefreshToken = TimeSpan.FromDays(14);

    public static readonly TimeSpan GrantMaximum = TimeSpan.FromDays(30);
}
