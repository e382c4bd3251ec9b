using System.ComponentModel.DataAnnotations;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Programs.ServiceCluster;

/// <summary>
/// Seed 001: 知识产权服务业高质量集聚发展区 (province; cities may run their own program "参照本办法", art. 22).
/// City 推荐 → province 评估 → 党组会审议 → 公示 5 working days → 发文同意设立; 2-year construction.
/// </summary>
public sealed class ServiceClusterModule : ProgramModule<ServiceClusterSettings>
{
    public override ModuleManifest Manifest { get; } = new()
    {
        Id = "service-cluster",
        Name = "知识产权服务业高质量集聚发展区",
        OwnerLevel = OwnerLevel.Province,
        Seed = new SeedDocument(
            "001_8fc984e1082de4ae.txt",
            "辽宁省知识产权服务业高质量集聚发展区工作实施办法(试行)",
            "辽宁省知识产权局"),
        Summary = "以知识产权服务为核心，通过集聚服务机构、创新资源、产业要素，形成全链条服务生态的综合性平台；建设期2年，期满评估合格的颁发牌匾。",
        Applicants = "集聚区所在的高新技术产业开发区、经济技术开发区管委会，或者产业集聚的县(市、区)人民政府（集聚区建设主体），经市级知识产权主管部门推荐。",
    };
}

public sealed class ServiceClusterSettings : ReviewChainSettings
{

    [Display(Name = "集聚服务机构下限（家）", Description = "物理性集聚+功能性集聚知识产权服务机构总数")]
    [SettingRange(1, 1000)]
    public int MinServiceInstitutions { get; set; } = 10;

    [Display(Name = "物理性集聚服务机构下限（家）")]
    [SettingRange(1, 1000)]
    public int MinPhysicalInstitutions { get; set; } = 8;

    [Display(Name = "核心区面积下限（平方米）")]
    [SettingRange(1, 1_000_000)]
    public int MinCoreAreaSquareMetres { get; set; } = 500;

    [Display(Name = "公示期（工作日）")]
    [SettingRange(1, 30)]
    public int PublicNoticeWorkingDays { get; set; } = 5;

    [Display(Name = "建设期（年）")]
    [SettingRange(1, 10)]
    public int ConstructionYears { get; set; } = 2;

    [Display(Name = "建设方案报送期限（月）", Description = "自同意设立之日起")]
    [SettingRange(1, 24)]
    public int ConstructionPlanMonths { get; set; } = 2;

    [Display(Name = "变更报告期限（工作日）")]
    [SettingRange(1, 60)]
    public int ChangeReportWorkingDays { get; set; } = 15;

    [Display(Name = "整改期限下限（月）")]
    [SettingRange(1, 24)]
    public int RectificationMonthsMin { get; set; } = 3;

    [Display(Name = "整改期限上限（月）")]
    [SettingRange(1, 24)]
    public int RectificationMonthsMax { get; set; } = 6;
}
