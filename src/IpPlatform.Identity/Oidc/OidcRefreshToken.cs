namespace IpPlatform.Identity.Oidc;

/// <summary>A refresh token, stored by its SHA-256; each use rotates it (<see cref="UsedAt"/>), a second use revokes the grant.</summary>
public sealed class OidcRefreshToken
{
    public required string Hash { get; set; }

    public Guid GrantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
