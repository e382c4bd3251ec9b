using IpPlatform.Identity.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Accounts;

public enum AccountKind
{
    /// <summary>Acts for one organisation.</summary>
    Applicant,

    /// <summary>A government account created by an administrator, with roles scoped to authorities; needs TOTP.</summary>
    Staff,
}

/// <summary>An account. UserName is the sign-in email.</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public AccountKind Kind { get; set; }

    /// <summary>The organisation an applicant acts for; null for staff and for removed members.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The organisation's administrator may invite and remove members and submit certification.</summary>
    public bool IsOrganisationAdmin { get; set; }

    /// <summary>Staff only: fields of expertise, for experts.</summary>
    public string? Expertise { get; set; }

    /// <summary>An expert's employer and its 统一社会信用代码: an expert never reviews an application of their own employer.</summary>
    public string? Employer { get; set; }

    public string? EmployerCreditCode { get; set; }

    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PlatformUserConfiguration : IEntityTypeConfiguration<PlatformUser>
{
    public void Configure(EntityTypeBuilder<PlatformUser> e)
    {
        e.ToTable("users");
        e.Property(x => x.DisplayName).HasMaxLength(50);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Expertise).HasMaxLength(200);
        e.Property(x => x.Employer).HasMaxLength(200);
        e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.OrganisationId);
    }
}
