using System.ComponentModel.DataAnnotations;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Programs.BrandInstitution;

/// <summary>Seed 000: 知识产权服务品牌机构培育 (province; city 初审 and 推荐意见 → province 专家评审 → 公示 → 名单).</summary>
public sealed class BrandInstitutionModule : ProgramModule<BrandInstitutionSettings>
{
    public override ModuleManifest Manifest { get; } = new()
    {
        Id = "brand-institution",
        Name = "知识产权服务品牌机构培育",
        OwnerLevel = OwnerLevel.Province,
        Seed = new SeedDocument(
            "000_9cb40cb6b85f7420.txt",
            "辽宁省知识产权局关于组织开展2024年知识产权服务品牌机构培育工作的通知",
            "辽宁省知识产权局"),
        Summary = "遴选一批基础扎实、创新性强、服务质量优、在全省具有示范引领作用的知识产权服务品牌机构，组织开展为期2年的培育工作。",
        Applicants = "企业法人，成立3年以上，工作人员10人以上，有固定的经营场所；主营业务为知识产权服务，符合重点培育方向。",
    };
}

public sealed class BrandInstitutionSettings : ReviewChainSettings
{

    [Display(Name = "成立年限下限（年）")]
    [SettingRange(0, 50)]
    public int MinYearsEstablished { get; set; } = 3;

    [Display(Name = "工作人员下限（人）")]
    [SettingRange(1, 10000)]
    public int MinStaff { get; set; } = 10;

    [Display(Name = "无惩戒和投诉的年限（年）")]
    [SettingRange(0, 10)]
    public int YearsWithoutSanction { get; set; } = 2;

    [Display(Name = "培育期（年）")]
    [SettingRange(1, 10)]
    public int CultivationYears { get; set; } = 2;

    [Display(Name = "培育工作方案报送期限（月）", Description = "自确定为培育机构之日起，所在市报送培育工作方案的期限。通知要求“制定针对性培育工作方案”，未规定期限；默认3个月。")]
    [SettingRange(1, 24)]
    public int CultivationPlanMonths { get; set; } = 3;

    [Display(Name = "公示期（工作日）", Description = "通知只写“网站公示”，未规定天数；默认按5个工作日。")]
    [SettingRange(1, 30)]
    public int PublicNoticeWorkingDays { get; set; } = 5;
}
