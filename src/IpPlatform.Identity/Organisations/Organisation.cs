using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Organisations;

public enum OrganisationType
{
    Enterprise,

    /// <summary>省内技术产权（知识产权）交易中心 (seed 003 一、支持主体).</summary>
    TechnologyExchange,

    /// <summary>知识产权服务业集聚区建设的管理运营机构 (seed 003 一、支持主体).</summary>
    ClusterOperator,
    University,
    ResearchInstitute,
    PublicInstitution,
    SocialOrganisation,
    IpServiceAgency,
    DevelopmentZoneCommittee,
    CountyGovernment,
    Other,
}

public enum CertificationStatus
{
    /// <summary>Registered; documents not yet submitted.</summary>
    NotSubmitted,
    Pending,
    Certified,
    Rejected,
}

/// <summary>An applicant organisation, identified for life by its 统一社会信用代码.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>False when the code failed its checksum at registration (early pilot codes): staff must accept it.</summary>
    public bool CreditCodeChecksumValid { get; set; } = true;

    public string? CreditCodeOverrideReason { get; set; }

    public Guid? CreditCodeOverrideBy { get; set; }

    public OrganisationType Type { get; set; }

    /// <summary>The city-level authority (or 210000 for 省直 units), which certifies the organisation.</summary>
    public required string CityCode { get; set; }

    /// <summary>The Shenyang district or county, when the organisation is in Shenyang.</summary>
    public string? DistrictCode { get; set; }

    public required string Address { get; set; }

    public required string LegalRepresentative { get; set; }

    public DateOnly EstablishedOn { get; set; }

    public int StaffCount { get; set; }

    /// <summary>注册资本（万元）, where the organisation has given it.</summary>
    public decimal? RegisteredCapital { get; set; }

    public required string ContactPerson { get; set; }

    public required string ContactMobile { get; set; }

    public required string ContactEmail { get; set; }

    public CertificationStatus Certification { get; set; }

    /// <summary>The reason given with the last rejection, shown to the applicant.</summary>
    public string? CertificationReason { get; set; }

    public DateTimeOffset? CertifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public uint Version { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
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
    }
}

public static class OrganisationNames
{
    public static string ToChinese(this OrganisationType type) => type switch
    {
        OrganisationType.Enterprise => "企业",
        OrganisationType.TechnologyExchange => "技术产权（知识产权）交易中心",
        OrganisationType.ClusterOperator => "知识产权服务业集聚区管理运营机构",
        OrganisationType.University => "高校",
        OrganisationType.ResearchInstitute => "科研机构",
        OrganisationType.PublicInstitution => "事业单位",
        OrganisationType.SocialOrganisation => "社会组织",
        OrganisationType.IpServiceAgency => "知识产权服务机构",
        OrganisationType.DevelopmentZoneCommittee => "开发区管委会",
        OrganisationType.CountyGovernment => "县(市、区)人民政府",
        OrganisationType.Other => "其他",
        _ => type.ToString(),
    };

    public static string ToChinese(this CertificationStatus status) => status switch
    {
        CertificationStatus.NotSubmitted => "未提交认证",
        CertificationStatus.Pending => "认证审核中",
        CertificationStatus.Certified => "已认证",
        CertificationStatus.Rejected => "认证未通过",
        _ => status.ToString(),
    };
}
