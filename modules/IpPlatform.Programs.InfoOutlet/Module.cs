using System.ComponentModel.DataAnnotations;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Programs.InfoOutlet;

/// <summary>
/// Seed 002: 沈阳市知识产权信息公共服务网点 (municipal). District/county bureau 核实推荐 → city 审核 → 公示 5 days → 备案
/// valid three years; national and provincial outlets are included without applying.
/// </summary>
public sealed class InfoOutletModule : ProgramModule<InfoOutletSettings>
{
    public override ModuleManifest Manifest { get; } = new()
    {
        Id = "info-outlet",
        Name = "知识产权信息公共服务网点备案",
        OwnerLevel = OwnerLevel.City,
        Seed = new SeedDocument(
            "002_35205eadfbf16794.txt",
            "沈阳市知识产权信息公共服务网点建设管理办法",
            "沈阳市知识产权局"),
        Summary = "围绕国家和区域发展战略，面向创新主体和社会公众开展知识产权信息公共服务的机构，经备案成为市级网点，有效期三年。",
        Applicants = "在沈阳市行政区域内注册或登记的高校、科研机构、科技情报机构、行业组织、生产力促进机构、公共图书馆、博物馆以及相关市场化服务机构，配备3名以上专职人员。",
    };
}

public sealed class InfoOutletSettings : ReviewChainSettings
{

    [Display(Name = "专职人员下限（人）")]
    [SettingRange(1, 1000)]
    public int MinFullTimeStaff { get; set; } = 3;

    [Display(Name = "公示期（天）", Description = "办法写“公示期5天”，按工作日计算")]
    [SettingRange(1, 30)]
    public int PublicNoticeWorkingDays { get; set; } = 5;

    [Display(Name = "备案有效期（年）")]
    [SettingRange(1, 10)]
    public int ValidityYears { get; set; } = 3;

    [Display(Name = "整改期限（月）")]
    [SettingRange(1, 24)]
    public int RectificationMonths { get; set; } = 6;

    [Display(Name = "提供虚假材料的禁止申请期（年）")]
    [SettingRange(0, 10)]
    public int FalseMaterialBanYears { get; set; } = 3;

    [Display(Name = "年度工作总结报送截止（月）", Description = "每年该月底前报送《工作总结表》")]
    [SettingRange(1, 12)]
    public int AnnualSummaryMonth { get; set; } = 12;
}
