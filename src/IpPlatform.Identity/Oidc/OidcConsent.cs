namespace IpPlatform.Identity.Oidc;

/// <summary>Scopes a user allowed a (not first-party) client, remembered so the consent page is not shown again.</summary>
public sealed class OidcConsent
{
    public Guid UserId { get; set; }

    public required string ClientId { get; set; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset GrantedAt { get; set; }
}
