using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Authorities;

public enum AuthorityLevel
{
    Province,
    City,
    District,
}

/// <summary>
/// A government body that owns programs or reviews applications: the province, a city (or 沈抚示范区), a district.
/// <see cref="Code"/> is the GB/T 2260 division code where one exists.
/// </summary>
public sealed class Authority
{
    /// <summary>The reference-data cache key of every authority's place (level, city), dropped when authorities change.</summary>
    public const string PlacesCacheKey = "authority-places";

    public const string NamesCacheKey = "authority-names";

    public required string Code { get; set; }

    /// <summary>The area's name, e.g. 沈阳市.</summary>
    public required string Name { get; set; }

    /// <summary>The responsible agency, e.g. 沈阳市知识产权局.</summary>
    public required string Agency { get; set; }

    public AuthorityLevel Level { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>True when the code is a real GB/T 2260 division code (沈抚示范区 has none).</summary>
    public bool IsDivisionCode { get; set; }

    public int SortOrder { get; set; }
}

internal sealed class AuthorityConfiguration : IEntityTypeConfiguration<Authority>
{
    public void Configure(EntityTypeBuilder<Authority> e)
    {
        e.ToTable("authorities");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(16);
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.Agency).HasMaxLength(128);
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ParentCode).HasMaxLength(16);
        e.HasOne<Authority>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ParentCode);
        // One province: the authority every role held there reaches everything from.
        e.HasIndex(x => x.Level).IsUnique().HasFilter("level = 'Province'").HasDatabaseName("ux_authorities_one_province");
    }
}

public static class AuthorityLevelNames
{
    public static string ToChinese(this AuthorityLevel level) => level switch
    {
        AuthorityLevel.Province => "省级",
        AuthorityLevel.City => "市级",
        AuthorityLevel.District => "区县级",
        _ => level.ToString(),
    };
}
