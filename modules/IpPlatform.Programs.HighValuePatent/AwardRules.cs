using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Programs.HighValuePatent;

/// <summary>
/// Seed 004's rules that data cannot express. 四、绩效指标: the high-value invention patents cultivated in the construction
/// period, a PCT application entering a national phase counting as two, against the program's target, with no abnormal
/// filings — each patent counted once (by its number) and only when granted (or entered) within the award's period. 六、5: a centre failing its re-assessment loses its title and its support funds are clawed back in proportion
/// to task completion — here the share of the KPI target not reached, of the funds disbursed (or granted, when no
/// disbursement is recorded).
/// </summary>
public sealed class AwardRules : IAwardRules
{
    public string ModuleId => "high-value-patent";

    public IReadOnlyList<Finding> Findings(string obligationKey, JsonObject answers, JsonObject settings, Award award)
    {
        var target = Target(settings);
        if (obligationKey == "annual-report")
        {
            var reported = Number(answers["progress"]?["highValueCount"]);
            return [new Finding("建设期内累计培育高价值发明专利（报告数）", $"{reported} 件 / 目标 {target} 件", reported >= target)];
        }

        if (obligationKey is not ("acceptance" or "reacceptance"))
        {
            return [];
        }

        var (grants, pct) = Counts(answers, award);
        var counted = grants + 2 * pct;
        var abnormal = answers["kpi"]?["abnormal"]?.ToString() == "true";
        return
        [
            new Finding("纳入统计范围的发明专利授权", $"{grants} 件（建设期 {award.StartDate:yyyy-MM-dd} 至 {award.EndDate:yyyy-MM-dd} 内授权，同一专利号只计一次）"),
            new Finding("进入国家阶段的PCT国际专利申请（每件按2件计）", $"{pct} 件，计 {2 * pct} 件"),
            new Finding("高价值发明专利（计数）", $"{counted} 件 / 目标 {target} 件，完成率 {Percent(Completion(counted, target))}", counted >= target),
            new Finding("非正常专利申请", abnormal ? "有（不符合绩效指标要求）" : "无", !abnormal),
        ];
    }

    public Clawback? Clawback(AwardFacts facts)
    {
        var funds = facts.Award.FundsDisbursed ?? facts.Award.FundsGranted;
        if (funds is not > 0)
        {
            return null;
        }

        var filing = facts.LatestFilings.GetValueOrDefault("reacceptance") ?? facts.LatestFilings.GetValueOrDefault("acceptance");
        var target = Target(facts.Settings);
        var (grants, pct) = filing is null ? (0, 0) : Counts(filing, facts.Award);
        var counted = grants + 2 * pct;
        var completion = Completion(counted, target);
        var amount = Math.Round(funds.Value * (1 - completion), 2, MidpointRounding.AwayFromZero);
        var basis = facts.Award.FundsDisbursed is not null ? "已拨付" : "批准";
        return new Clawback(amount, string.Create(CultureInfo.InvariantCulture,
            $"收回金额 = {basis}支持资金 {funds.Value:0.##} 万元 × (1 − 任务完成率 {Percent(completion)}) = {amount:0.##} 万元；任务完成率 = 高价值发明专利 {counted} 件（授权 {grants} 件 + PCT进入国家阶段 {pct} 件 × 2）÷ 目标 {target} 件"));
    }

    private static string Percent(decimal ratio) => Math.Round(ratio * 100, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static int Target(JsonObject settings) => settings["targetHighValueInventionPatents"] is JsonValue v && v.TryGetValue(out int n) ? n : 30;

    private static decimal Completion(int counted, int target) => target <= 0 ? 1 : Math.Min(1m, (decimal)counted / target);

    /// <summary>
    /// The distinct patents of the two KPI tables dated within the award's period (rows left blank, repeated numbers and
    /// patents granted or entered outside the period do not count).
    /// </summary>
    private static (int Grants, int Pct) Counts(JsonObject answers, Award award) =>
        (Rows(answers["kpi"]?["grants"], "grantedOn", award), Rows(answers["kpi"]?["pct"], "enteredOn", award));

    private static int Rows(JsonNode? table, string dateColumn, Award award) =>
        table is JsonArray rows
            ? rows.OfType<JsonObject>()
                .Where(r => r["number"]?.ToString() is { Length: > 0 }
                            && DateOnly.TryParseExact(r[dateColumn]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
                            && on >= award.StartDate && on <= award.EndDate)
                .Select(r => Normalise(r["number"]!.ToString())).Distinct(StringComparer.Ordinal).Count()
            : 0;

    /// <summary>A patent number as typed ("ZL 2025 1.2345" or "zl20251.2345") compared without spaces and case.</summary>
    private static string Normalise(string number) => string.Concat(number.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static int Number(JsonNode? node) =>
        int.TryParse(node?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
