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

public static class StaffRoles
{
    public static string ToChinese(this StaffRole role) => role switch
    {
        StaffRole.PolicyEditor => "政策编辑",
        StaffRole.DistrictReviewer => "区县审核员",
        StaffRole.CityReviewer => "市级审核员",
        StaffRole.ProvinceReviewer => "省级审核员",
        StaffRole.Expert => "评审专家",
        StaffRole.Administrator => "系统管理员",
        _ => role.ToString(),
    };

    /// <summary>The authority levels a role may be held at.</summary>
    public static IReadOnlyList<AuthorityLevel> AllowedLevels(this StaffRole role) => role switch
    {
        StaffRole.DistrictReviewer => [AuthorityLevel.District],
        StaffRole.CityReviewer => [AuthorityLevel.City],
        StaffRole.ProvinceReviewer => [AuthorityLevel.Province],
        StaffRole.Expert => [AuthorityLevel.Province, AuthorityLevel.City],
        _ => [AuthorityLevel.Province, AuthorityLevel.City, AuthorityLevel.District],
    };
}
