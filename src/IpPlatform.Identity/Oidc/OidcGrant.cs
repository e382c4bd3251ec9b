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
