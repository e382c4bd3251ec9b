using System.ComponentModel.DataAnnotations;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Programs.OperationPlatform;

/// <summary>
/// Seed 003: 知识产权运营平台服务支撑能力提升项目 LN_ZHZX-2023005-1. City 汇总表 and 推荐意见 → province 评审 → 立项;
/// one-year implementation with 阶段核查 and 综合评估.
/// </summary>
public sealed class OperationPlatformModule : ProgramModule<OperationPlatformSettings>
{
    public override ModuleManifest Manifest { get; } = new()
    {
        Id = "operation-platform",
        Name = "知识产权运营平台服务支撑能力提升项目",
        OwnerLevel = OwnerLevel.Province,
        Seed = new SeedDocument(
            "003_0ae4ccdcbcb34451.txt",
            "知识产权运营平台服务支撑能力提升项目申报指南",
            "辽宁省知识产权局",
            "LN_ZHZX-2023005-1"),
        Summary = "支持省内知识产权运营平台开展知识产权运营服务支撑能力提升工作，畅通专利转化流转渠道，项目实施期一年，支持专项资金100万元。",
        Applicants = "省内技术产权（知识产权）交易中心、知识产权服务业集聚区建设的管理运营机构，具有独立法人资格；入驻知识产权服务企业不少于30家，服务可覆盖300家以上。",
    };

    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAwardRules, AwardRules>();
}

public sealed class OperationPlatformSettings : ReviewChainSettings
{

    [Display(Name = "入驻服务企业下限（家）")]
    [SettingRange(1, 10000)]
    public int MinResidentServiceFirms { get; set; } = 30;

    [Display(Name = "服务覆盖企业下限（家）")]
    [SettingRange(1, 100000)]
    public int MinServedFirms { get; set; } = 300;

    [Display(Name = "支持资金上限（万元）")]
    [SettingRange(1, 100000)]
    public decimal MaxBudgetTenThousandYuan { get; set; } = 100m;

    [Display(Name = "项目实施期（月）")]
    [SettingRange(1, 60)]
    public int ImplementationMonths { get; set; } = 12;

    [Display(Name = "无恶意侵权案件的年限（年）")]
    [SettingRange(0, 10)]
    public int YearsWithoutMaliciousInfringement { get; set; } = 3;
}
