namespace IpPlatform.Identity.Oidc;

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
