namespace IpPlatform.Identity.Oidc;

/// <summary>
/// An RS256 signing key of the OpenID Connect provider. The private key is stored encrypted (data protection, whose key
/// ring can itself be encrypted at rest); tokens are signed with the newest active key; a retired key stays published in
/// the JWKS until every token it signed has expired (the overlap window).
/// </summary>
public sealed class SigningKey
{
    public required string Kid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>No longer used to sign from this moment (the next key took over).</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Removed from the JWKS from this moment (retirement plus the longest token lifetime).</summary>
    public DateTimeOffset? UnpublishAt { get; set; }

    /// <summary>The PKCS#8 private key, protected by data protection (never stored in the clear).</summary>
    public required string ProtectedPrivateKey { get; set; }

    /// <summary>The public key's modulus and exponent (base64url), as the JWKS publishes them.</summary>
    public required string Modulus { get; set; }

    public required string Exponent { get; set; }
}
