using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity;

/// <summary>Identity's tables under platform names, plus organisations, certification, invitations and staff roles.</summary>
public static class IdentityModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<PlatformUser>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.DisplayName).HasMaxLength(50);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Expertise).HasMaxLength(200);
            e.Property(x => x.Employer).HasMaxLength(200);
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.OrganisationId);
        });
        model.Entity<Oidc.SigningKey>(e =>
        {
            e.ToTable("oidc_signing_keys");
            e.HasKey(x => x.Kid);
            e.Property(x => x.Kid).HasMaxLength(32);
            e.Property(x => x.Modulus).HasMaxLength(1024);
            e.Property(x => x.Exponent).HasMaxLength(16);
        });
        ConfigureOidc(model);
        model.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

        model.Entity<StaffRoleAssignment>(e =>
        {
            e.ToTable("staff_roles");
            e.HasKey(x => new { x.UserId, x.Role, x.AuthorityCode });
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.AuthorityCode).HasMaxLength(16);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.AuthorityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Role, x.AuthorityCode });
        });

        model.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.Property(x => x.CreditCodeOverrideReason).HasMaxLength(500);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.CityCode).HasMaxLength(16);
            e.Property(x => x.DistrictCode).HasMaxLength(16);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.CityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.DistrictCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.LegalRepresentative).HasMaxLength(50);
            e.Property(x => x.ContactPerson).HasMaxLength(50);
            e.Property(x => x.ContactMobile).HasMaxLength(20);
            e.Property(x => x.ContactEmail).HasMaxLength(100);
            e.Property(x => x.RegisteredCapital).HasPrecision(14, 2);
            e.Property(x => x.Certification).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CertificationReason).HasMaxLength(500);
            e.Property(x => x.Version).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            e.HasIndex(x => new { x.CityCode, x.Certification });
        });

        model.Entity<OrganisationProfileChange>(e =>
        {
            e.ToTable("organisation_profile_changes");
            e.HasKey(x => x.Id);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OrganisationId, x.At });
            e.Property(x => x.ChangedByName).HasMaxLength(256);
            e.Property(x => x.Field).HasMaxLength(32);
            e.Property(x => x.Before).HasMaxLength(200);
            e.Property(x => x.After).HasMaxLength(200);
        });

        model.Entity<CertificationRequest>(e =>
        {
            e.ToTable("certification_requests");
            e.Property(x => x.NewName).HasMaxLength(100);
            e.HasKey(x => x.Id);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.OrganisationId, x.SubmittedAt });
            e.HasIndex(x => x.Decision);
        });

        model.Entity<OrganisationInvitation>(e =>
        {
            e.ToTable("organisation_invitations");
            e.HasKey(x => x.Id);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Email).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
    }

    /// <summary>OpenIddict's entities under the platform's table names, plus the provider's encryption key.</summary>
    private static void ConfigureOidc(ModelBuilder model)
    {
        model.UseOpenIddict<Oidc.OidcApplication, Oidc.OidcAuthorization, Oidc.OidcScope, Oidc.OidcToken, Guid>();
        model.Entity<Oidc.OidcApplication>(e =>
        {
            e.ToTable("oidc_clients");
            e.Property(x => x.ClientId).HasMaxLength(100);
            e.Property(x => x.DisplayName).HasMaxLength(100);
        });
        model.Entity<Oidc.OidcAuthorization>().ToTable("oidc_authorizations");
        model.Entity<Oidc.OidcToken>(e =>
        {
            e.ToTable("oidc_tokens");
            e.HasIndex(x => x.CreationDate);
        });
        model.Entity<Oidc.OidcScope>().ToTable("oidc_scopes");
        model.Entity<Oidc.OidcEncryptionKey>(e =>
        {
            e.ToTable("oidc_encryption_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
    }
}
