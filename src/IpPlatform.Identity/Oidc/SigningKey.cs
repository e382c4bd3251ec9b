using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// An RS256 signing key of the OpenID Connect provider. The private key is stored encrypted (data protection, whose key
/// ring can itself be encrypted at rest); tokens are signed with the newest active key; the next key is published a day
/// before it starts signing, and a retired key stays published until every token it signed has expired (the overlap).
/// </summary>
public sealed class SigningKey
{
    public required string Kid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Signs from this moment; published in the JWKS before it, so relying parties know it before they meet it.</summary>
    public DateTimeOffset ActivatesAt { get; set; }

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

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> e)
    {
        e.ToTable("oidc_signing_keys");
        e.HasKey(x => x.Kid);
        e.Property(x => x.Kid).HasMaxLength(32);
        e.Property(x => x.Modulus).HasMaxLength(1024);
        e.Property(x => x.Exponent).HasMaxLength(16);
    }
}
