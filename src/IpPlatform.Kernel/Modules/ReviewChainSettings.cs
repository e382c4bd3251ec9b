using System.ComponentModel.DataAnnotations;

namespace IpPlatform.Kernel.Modules;

/// <summary>Settings every program's review chain reads (its definition names them in "setting:…" guards).</summary>
public abstract class ReviewChainSettings
{
    [Display(Name = "逾期未补正即关闭申报", Description = "退回补正的申报超过补正期限仍未重新提交的，系统自动以“逾期未补正”结束；选“否”则保留待审核部门处理")]
    public bool CloseOverdueCorrections { get; set; } = true;

    [Display(Name = "去掉最高分和最低分的专家人数下限", Description = "提交评分的专家不少于该人数时，去掉一个最高分和一个最低分后取平均")]
    [SettingRange(3, 50)]
    public int TrimScoresFromExperts { get; set; } = 5;
}
