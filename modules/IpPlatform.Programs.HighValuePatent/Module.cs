using System.ComponentModel.DataAnnotations;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Programs.HighValuePatent;

/// <summary>
/// Seed 004: 辽宁省高价值专利培育中心. Online: register → certify → apply; city 退回/不通过/通过 → province 复核 →
/// experts score 附件3 → rank → 公示 → funding; 2-year construction, acceptance scored on 附件4.
/// </summary>
public sealed class HighValuePatentModule : ProgramModule<HighValuePatentSettings>
{
    public override ModuleManifest Manifest { get; } = new()
    {
        Id = "high-value-patent",
        Name = "辽宁省高价值专利培育中心",
        OwnerLevel = OwnerLevel.Province,
        Seed = new SeedDocument(
            "004_0f44dffa54d06166.txt",
            "2024年度辽宁省高价值专利培育中心申报指南",
            "辽宁省知识产权局"),
        Summary = "支持企业、高校、科研机构建设高价值专利培育中心，建设期2年，建设期满开展验收考核。",
        Applicants = "辽宁省内注册的企业、高校、科研机构等创新主体，知识产权专兼职人员不少于3人；鼓励与不超过1家知识产权服务机构联合申报。",
    };

    /// <summary>The KPI count (PCT ×2) and the claw-back in proportion to task completion: <see cref="AwardRules"/>.</summary>
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAwardRules, AwardRules>();
}

public sealed class HighValuePatentSettings : ReviewChainSettings
{

    [Display(Name = "知识产权专兼职人员下限（人）")]
    [SettingRange(1, 1000)]
    public int MinIpStaff { get; set; } = 3;

    [Display(Name = "联合申报服务机构上限（家）", Description = "申报指南：鼓励与不超过1家知识产权服务机构联合申报；设为0则不接受联合申报")]
    [SettingRange(0, 1)]
    public int MaxJointApplicants { get; set; } = 1;

    [Display(Name = "建设期（年）")]
    [SettingRange(1, 10)]
    public int ConstructionYears { get; set; } = 2;

    [Display(Name = "验收合格分数线", Description = "验收考核专家评分均值达到此分数（含）为合格")]
    [SettingRange(0, 100)]
    public int AcceptancePassScore { get; set; } = 70;

    [Display(Name = "验收不合格整改期（月）")]
    [SettingRange(1, 24)]
    public int RectificationMonths { get; set; } = 3;

    [Display(Name = "撤销后禁止申报期（年）")]
    [SettingRange(0, 10)]
    public int BanYearsAfterRevocation { get; set; } = 2;

    [Display(Name = "高价值发明专利目标（件）", Description = "PCT申请进入国家阶段的按2件计")]
    [SettingRange(0, 10000)]
    public int TargetHighValueInventionPatents { get; set; } = 30;
}
