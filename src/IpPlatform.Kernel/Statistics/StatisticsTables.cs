using IpPlatform.Kernel.Awards;

namespace IpPlatform.Kernel.Statistics;

/// <summary>One table of the statistics: what the page shows beside its chart and the xlsx download holds, cell for cell.</summary>
public sealed record StatisticsTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, string Empty);

/// <summary>The statistics as tables (numbers stay numbers; a median nobody could count is null).</summary>
public static class StatisticsTables
{
    public const string States = "states", Cities = "cities", Districts = "districts", Funnel = "funnel", Outcomes = "outcomes",
        ToDecision = "to-decision", Levels = "levels", Publicity = "publicity", Awards = "awards", Funds = "funds", Timeline = "timeline";

    private static readonly string[] PlaceHeaders = ["已提交", "审核中", "退回补正中", "其中补正逾期", "已批准", "未通过", "已关闭"];

    private static readonly string[] DurationHeaders = ["件数", "计入工作日统计", "中位数（工作日）", "90%分位（工作日）"];

    public static IReadOnlyList<StatisticsTable> Of(RoundStatistics s) =>
    [
        new(States, "按状态", ["状态", "件数"], [.. s.ByState.Select(x => Row(x.Label, x.Count))], "还没有已提交的申报。申报单位提交后，这里按所处状态计数。"),
        new(Cities, "按地市", ["地市", .. PlaceHeaders], [.. s.ByCity.Select(Place)], "还没有已提交的申报，因此没有地市分布。"),
        new(Districts, "按区县", ["区县", .. PlaceHeaders], [.. s.ByDistrict.Select(Place)], "没有注明区县的申报。"),
        new(Funnel, "从提交到获批", ["环节", "件数", "占已提交"], FunnelRows(s), "还没有已提交的申报。"),
        new(Outcomes, "审核结果", ["项目", "数值"],
        [
            Row("推荐（区县或市级审核通过）", s.Decisions.Recommended), Row("批准", s.Decisions.Approved), Row("不通过", s.Decisions.Rejected),
            Row("曾退回补正的申报", s.Decisions.Returned), Row("退回补正次数", s.Decisions.Returns),
            Row("平均每件退回次数（曾退回的申报）", s.Decisions.Returned == 0 ? null : Math.Round((double)s.Decisions.Returns / s.Decisions.Returned, 2)),
            Row("补正逾期（现在）", s.CorrectionsOverdue),
        ], ""),
        new(ToDecision, "从提交到决定的工作日", ["决定", .. DurationHeaders], [.. s.Decisions.ToDecision.Select(Timed)], ""),
        new(Levels, "各审核层级用时（工作日）", ["审核层级", .. DurationHeaders], [.. s.Decisions.PerLevel.Select(Timed)], ""),
        new(Publicity, "公示与异议", ["项目", "数值"],
        [
            Row("公示批次", s.Publicity.Notices), Row("列入公示的申报", s.Publicity.Listed), Row("因异议成立撤出公示", s.Publicity.Withdrawn),
            Row("收到异议", s.Publicity.Objections), Row("异议待处理", s.Publicity.ObjectionsOpen), Row("异议成立", s.Publicity.ObjectionsUpheld),
            Row("异议不成立", s.Publicity.ObjectionsDismissed),
        ], ""),
        new(Awards, "称号与资格（按状态）", ["状态", "件数"], [.. s.Awards.ByStatus.Select(a => Row(a.Status.ToChinese(), a.Count))],
            "还没有授予的称号或资格。申报批准后，这里按状态计数。"),
        new(Funds, "资金与获批后报告", ["项目", "数值"],
        [
            Row("批准资金（万元）", s.Awards.Granted), Row("已拨付资金（万元）", s.Awards.Disbursed), Row("追回资金（万元，按撤销时的规则计算）", s.Awards.ClawedBack),
            Row("本月到期未报送的报告", s.Awards.ObligationsDueThisMonth), Row("逾期未报送的报告", s.Awards.ObligationsOverdue),
        ], ""),
        new(Timeline, "申报提交时间线", ["日期", "提交件数", "累计", "距截止（天）"], TimelineRows(s),
            s.Round is null ? "选择一个批次后，这里按日显示提交情况与截止日期。" : "该批次还没有已提交的申报。"),
    ];

    /// <summary>The funnel's steps: submitted, recommended, approved (now), awarded.</summary>
    public static IReadOnlyList<(string Label, int Count)> FunnelSteps(RoundStatistics s) =>
    [
        ("已提交", s.Submitted), ("推荐", s.Decisions.Recommended),
        ("已批准", s.ByState.Where(x => x.Phase == Workflows.WorkflowPhase.Approved).Sum(x => x.Count)), ("授予称号或资格", s.Awarded),
    ];

    private static IReadOnlyList<IReadOnlyList<object?>> FunnelRows(RoundStatistics s) => s.Submitted == 0 ? []
        : [.. FunnelSteps(s).Select(f => Row(f.Label, f.Count, $"{Math.Round(100.0 * f.Count / s.Submitted, 1)}%"))];

    private static IReadOnlyList<IReadOnlyList<object?>> TimelineRows(RoundStatistics s)
    {
        var total = 0;
        return s.Round is not { } round ? []
            : [.. s.Timeline.Select(d => Row(d.Day.ToString("yyyy-MM-dd"), d.Count, total += d.Count, round.Closes.DayNumber - d.Day.DayNumber))];
    }

    private static IReadOnlyList<object?> Place(PlaceFigure p) =>
        Row(p.Name, p.Submitted, p.InReview, p.Returned, p.CorrectionsOverdue, p.Approved, p.Rejected, p.Closed);

    private static IReadOnlyList<object?> Timed(Duration d) =>
        Row(d.Label, d.Count, d.Counted, d.Median is { } m ? Math.Round(m, 1) : null, d.P90 is { } p ? Math.Round(p, 1) : null);

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
