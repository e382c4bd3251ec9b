using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// A relying party as OpenIddict stores it (table <c>oidc_clients</c>), with what the platform adds: a client can be
/// disabled (its tokens stop working at once) and when it was registered and last changed.
/// </summary>
public sealed class OidcApplication : OpenIddictEntityFrameworkCoreApplication<Guid, OidcAuthorization, OidcToken>
{
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class OidcApplicationConfiguration : IEntityTypeConfiguration<OidcApplication>
{
    public void Configure(EntityTypeBuilder<OidcApplication> e)
    {
        e.ToTable("oidc_clients");
        e.Property(x => x.ClientId).HasMaxLength(100);
        e.Property(x => x.DisplayName).HasMaxLength(100);
    }
}

/// <summary>
/// An authorization: a user's remembered consent (permanent), or one sign-on of a client (ad hoc, one per code) that
/// every token issued from that code shares — revoking it ends them all.
/// </summary>
public sealed class OidcAuthorization : OpenIddictEntityFrameworkCoreAuthorization<Guid, OidcApplication, OidcToken>;

internal sealed class OidcAuthorizationConfiguration : IEntityTypeConfiguration<OidcAuthorization>
{
    public void Configure(EntityTypeBuilder<OidcAuthorization> e) => e.ToTable("oidc_authorizations");
}

/// <summary>A code, access, refresh or identity token OpenIddict issued, with its status (valid, redeemed, revoked).</summary>
public sealed class OidcToken : OpenIddictEntityFrameworkCoreToken<Guid, OidcApplication, OidcAuthorization>;

internal sealed class OidcTokenConfiguration : IEntityTypeConfiguration<OidcToken>
{
    public void Configure(EntityTypeBuilder<OidcToken> e)
    {
        e.ToTable("oidc_tokens");
        e.HasIndex(x => x.CreationDate);
    }
}

public sealed class OidcScope : OpenIddictEntityFrameworkCoreScope<Guid>;

internal sealed class OidcScopeConfiguration : IEntityTypeConfiguration<OidcScope>
{
    public void Configure(EntityTypeBuilder<OidcScope> e) => e.ToTable("oidc_scopes");
}
