using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Programs.OperationPlatform;

/// <summary>
/// Seed 003's rules that data cannot express. 三、绩效目标: six targets, each with its minimums (the fifth is met by
/// either of its two), computed from the KPI table of the 阶段核查 and 综合评估 filings — each indicator against its
/// minimum, with its completion against the task book's planned figure. 信用承诺书 5: a project that fails its
/// assessment, or breaks its commitments, returns the funds disbursed to it (the whole of them).
/// </summary>
public sealed class AwardRules : IAwardRules
{
    public string ModuleId => "operation-platform";

    /// <summary>The KPI table's rows in order (the forms' fixed rows), with the guide's minimum for each.</summary>
    private static readonly (string Label, string Unit, decimal Minimum)[] Indicators =
    [
        ("需求库覆盖中小微企业", "家", 20), ("专利需求项目", "项", 50), ("购买专利技术的本地中小微企业", "家", 10),
        ("登记备案的转让、许可合同", "份", 20), ("合同中的专利", "件", 50), ("提供托管或运营服务的科技型中小微企业", "家", 100),
        ("精准推送信息", "条", 2000), ("专利质押融资项目", "笔", 5), ("专利质押融资金额", "万元", 5000), ("运营转化培训、宣讲及业务交流活动", "次", 6),
        ("其中专利供需对接活动", "次", 3),
    ];

    /// <summary>The six targets: their indicators (rows) and whether all or any of them must reach the minimum.</summary>
    private static readonly (string Label, int[] Rows, bool Any)[] Targets =
    [
        ("1.专利技术需求库（覆盖中小微企业≥20家，需求项目≥50项）", [0, 1], false),
        ("2.促成中小微企业购买专利技术（≥10家）", [2], false),
        ("3.转让、许可合同登记备案（≥20份，合同中专利≥50件）", [3, 4], false),
        ("4.托管或运营服务（≥100家科技型中小微企业，精准推送≥2000条）", [5, 6], false),
        ("5.专利质押融资（≥5笔或≥5000万元）", [7, 8], true),
        ("6.培训、宣讲及业务交流活动（≥6次，其中供需对接≥3次）", [9, 10], false),
    ];

    public IReadOnlyList<Finding> Findings(string obligationKey, JsonObject answers, JsonObject settings, Kernel.Awards.Award award)
    {
        if (obligationKey is not ("stage-check" or "final-assessment") || answers["kpi"]?["kpi"] is not JsonArray rows)
        {
            return [];
        }

        decimal Value(int row, string column) => Number(rows.ElementAtOrDefault(row)?[column]);
        var findings = new List<Finding>();
        var met = 0;
        foreach (var (label, indices, any) in Targets)
        {
            var reached = indices.Select(i => Value(i, "achieved") >= Indicators[i].Minimum).ToList();
            var ok = any ? reached.Any(r => r) : reached.All(r => r);
            met += ok ? 1 : 0;
            var detail = string.Join("；", indices.Select(i =>
            {
                var (name, unit, minimum) = Indicators[i];
                var (planned, achieved) = (Value(i, "planned"), Value(i, "achieved"));
                var completion = planned > 0 ? $"，完成拟定数的{Math.Round(achieved / planned * 100, 0, MidpointRounding.AwayFromZero)}%" : "";
                return string.Create(CultureInfo.InvariantCulture, $"{name} {achieved:0.##}{unit}（最低{minimum:0.##}{unit}，拟定{planned:0.##}{unit}{completion}）");
            }));
            findings.Add(new Finding(label, detail, ok));
        }

        findings.Insert(0, new Finding("绩效目标达成", $"{met} / {Targets.Length} 项达到申报指南三的最低要求", met == Targets.Length));
        return findings;
    }

    public Clawback? Clawback(AwardFacts facts)
    {
        var funds = facts.Award.FundsDisbursed ?? facts.Award.FundsGranted;
        if (funds is not > 0)
        {
            return null;
        }

        var basis = facts.Award.FundsDisbursed is not null ? "已拨付" : "批准";
        return new Clawback(funds.Value, string.Create(CultureInfo.InvariantCulture,
            $"依信用承诺书第5条收回拨付经费：收回金额 = {basis}专项资金 {funds.Value:0.##} 万元（全额）"));
    }

    private static decimal Number(JsonNode? node) =>
        decimal.TryParse(node?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
