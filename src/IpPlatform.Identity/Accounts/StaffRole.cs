using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Accounts;

public enum StaffRole
{
    PolicyEditor,
    DistrictReviewer,
    CityReviewer,
    ProvinceReviewer,
    Expert,
    Administrator,
}

/// <summary>A role held at one authority: a 沈阳 city reviewer is (CityReviewer, 210100).</summary>
public sealed class StaffRoleAssignment
{
    public Guid UserId { get; set; }

    public StaffRole Role { get; set; }

    public required string AuthorityCode { get; set; }
}

internal sealed class StaffRoleAssignmentConfiguration : IEntityTypeConfiguration<StaffRoleAssignment>
{
    public void Configure(EntityTypeBuilder<StaffRoleAssignment> e)
    {
        e.ToTable("staff_roles");
        e.HasKey(x => new { x.UserId, x.Role, x.AuthorityCode });
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.AuthorityCode).HasMaxLength(16);
        e.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Authority>().WithMany().HasForeignKey(x => x.AuthorityCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.Role, x.AuthorityCode });
    }
}

/// <summary>Each stored role is one of the platform's staff roles (<see cref="StaffRoleCatalog"/>): its key, labels and levels are read there.</summary>
public static class StaffRoles
{
    public static StaffRoleDefinition Definition(this StaffRole role) => role switch
    {
        StaffRole.PolicyEditor => StaffRoleCatalog.PolicyEditor,
        StaffRole.DistrictReviewer => StaffRoleCatalog.DistrictReviewer,
        StaffRole.CityReviewer => StaffRoleCatalog.CityReviewer,
        StaffRole.ProvinceReviewer => StaffRoleCatalog.ProvinceReviewer,
        StaffRole.Expert => StaffRoleCatalog.Expert,
        StaffRole.Administrator => StaffRoleCatalog.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role's key as workflow definitions and recipes spell it (cityReviewer).</summary>
    public static string Key(this StaffRole role) => role.Definition().Key;

    public static string ToChinese(this StaffRole role) => role.Definition().Title;

    /// <summary>The authority levels a role may be held at.</summary>
    public static IReadOnlyList<AuthorityLevel> AllowedLevels(this StaffRole role) => role.Definition().Levels;
}
