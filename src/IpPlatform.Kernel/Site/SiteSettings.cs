using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Site;

/// <summary>
/// Who runs this platform, as the site recipe says (one row): its name (the page titles, the header, mail), the
/// authority that hosts it and those that co-host it (the footer). The kernel names no province of its own.
/// </summary>
public sealed class SiteSettings
{
    /// <summary>The one row's key.</summary>
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;

    /// <summary>E.g. 辽宁省知识产权项目申报平台.</summary>
    public required string Name { get; set; }

    /// <summary>The hosting authority's agency, e.g. 辽宁省知识产权局.</summary>
    public required string Host { get; set; }

    /// <summary>Co-hosting agencies, e.g. 沈阳市知识产权局.</summary>
    public List<string> CoHosts { get; set; } = [];

    /// <summary>What a platform whose site recipe has not run yet calls itself.</summary>
    public static SiteSettings Unnamed => new() { Name = "知识产权项目申报平台", Host = "" };
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> e)
    {
        e.ToTable("site_settings", t => t.HasCheckConstraint("ck_site_settings_one_row", "id = 1"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.Host).HasMaxLength(128);
    }
}
