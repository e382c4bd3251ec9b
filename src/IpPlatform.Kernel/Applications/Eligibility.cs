using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Data;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// One eligibility rule of a module, as data. Thresholds come from the program's settings when <see cref="Setting"/> is
/// named, so a city's copy of a program applies its own.
/// </summary>
/// <param name="Flag">
/// A figure below the threshold does not block the submission: it is flagged to the reviewers, who may accept it with a
/// reason (seed 003: “对于具有特色模式和成长性较好的申报主体可适当放宽数量限制”; the guard <c>flagsAccepted</c>).
/// </param>
public sealed record EligibilityRule(
    string Kind, string Message, IReadOnlyList<string>? Values = null, string? Setting = null, decimal? Value = null, string? Field = null,
    bool Flag = false);

/// <param name="Flagged">Not passed, but a flag for the reviewers rather than a refusal (see <see cref="EligibilityRule.Flag"/>).</param>
public sealed record EligibilityResult(string Rule, bool Passed, string Message, bool CheckedAtSubmit = false, bool Flagged = false)
{
    /// <summary>Not passed and not merely flagged: the applicant cannot go on.</summary>
    public bool Refuses => !Passed && !Flagged;
}

/// <summary>
/// Rule kinds: organisationTypes (values), minYearsEstablished, minStaff, sameCityAsOwner (the applicant is registered in
/// the owner city), answerMin / answerAtMost (a numeric answer — a yes/no answer counts 1 or 0 — at least / at most the
/// threshold, see <see cref="AnswerValue"/>; checked at submit), noSanctionsWithin (no ban imposed and no credit record
/// entered on the platform against the organisation within the last N years, in any program).
/// </summary>
public static class Eligibility
{
    public static readonly string[] Kinds =
        ["organisationTypes", "minYearsEstablished", "minStaff", "sameCityAsOwner", "answerMin", "answerAtMost", "noSanctionsWithin"];

    /// <summary>Rules about the application's own answers (checked at submit, not at the pre-check).</summary>
    public static bool OnAnswers(string kind) => kind is "answerMin" or "answerAtMost";

    /// <param name="lastSanctionOn">The day of the organisation's latest ban or credit record on the platform, if any.</param>
    public static IReadOnlyList<EligibilityResult> Check(
        IReadOnlyList<EligibilityRule> rules, ApplicantProfile applicant, JsonObject programSettings, string ownerCity, DateOnly today, JsonObject? answers,
        DateOnly? lastSanctionOn = null)
    {
        var results = new List<EligibilityResult>();
        foreach (var rule in rules)
        {
            decimal? configured = rule.Value ?? (rule.Setting is { } s && programSettings[s] is JsonValue v
                && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null);
            if (configured is null && rule.Kind is "minYearsEstablished" or "minStaff" or "answerMin" or "answerAtMost" or "noSanctionsWithin")
            {
                // A threshold that cannot be read fails closed: no one passes a rule the program has not configured.
                results.Add(new(rule.Kind, false, rule.Message.Replace("{value}", "?", StringComparison.Ordinal) + "（该条件的设置缺失，请联系主管部门）"));
                continue;
            }

            var threshold = configured ?? 0;
            var message = rule.Message.Replace("{value}", threshold.ToString("0.##", CultureInfo.InvariantCulture), StringComparison.Ordinal);
            switch (rule.Kind)
            {
                case "organisationTypes":
                    results.Add(new(rule.Kind, rule.Values?.Contains(applicant.Type) == true, message));
                    break;
                case "minYearsEstablished":
                    results.Add(new(rule.Kind, applicant.EstablishedOn.AddYears((int)threshold) <= today, message));
                    break;
                case "minStaff":
                    results.Add(new(rule.Kind, applicant.StaffCount >= threshold, message));
                    break;
                case "sameCityAsOwner":
                    results.Add(new(rule.Kind, applicant.CityCode == ownerCity, message));
                    break;
                case "answerMin":
                    var value = answers is null ? null : AnswerValue(rule.Field!, answers);
                    var reached = value is not null && value >= threshold;
                    // A flagged minimum is flagged only for a figure given and below it; a missing figure is the form's problem.
                    results.Add(new(rule.Kind, reached, message, CheckedAtSubmit: true, Flagged: rule.Flag && !reached && value is not null));
                    break;
                case "answerAtMost":
                    var count = answers is null ? null : AnswerValue(rule.Field!, answers);
                    results.Add(new(rule.Kind, count is null || count <= threshold, message, CheckedAtSubmit: true));
                    break;
                case "noSanctionsWithin":
                    results.Add(new(rule.Kind, lastSanctionOn is not { } last || last <= today.AddYears(-(int)threshold), lastSanctionOn is { } on
                        ? $"{message}（平台记录：{on:yyyy年M月d日}受到惩戒或被记入失信记录）" : message));
                    break;
            }
        }

        return results;
    }

    /// <summary>
    /// "a.x+a.y" sums answers; "a.x|b.x" takes the first alternative whose section was answered (form variants);
    /// "a.table.column" is the 合计 of a table's column.
    /// </summary>
    public static decimal? AnswerValue(string expression, JsonObject answers)
    {
        foreach (var alternative in expression.Split('|'))
        {
            var parts = alternative.Split('+').Select(p => p.Trim().Split('.', 2)).ToList();
            if (parts.Any(p => p.Length != 2) || answers[parts[0][0]] is null)
            {
                continue;
            }

            var values = parts.Select(p => p[1].Split('.', 2) is [var table, var column]
                ? (answers[p[0]]?[table] is JsonArray ? FormAnswers.ColumnTotal(answers[p[0]]![table], column) : (decimal?)null)
                : FormAnswers.Text(answers, p[0], p[1]) switch
            {
                "true" => 1m,
                "false" => 0m,
                var text => FormAnswers.Number(text),
            }).ToList();
            return values.Any(v => v is null) ? null : values.Sum();
        }

        return null;
    }

    /// <summary>Today in Beijing, for establishment-age rules.</summary>
    public static DateOnly Today(TimeProvider clock) => BeijingTime.Today(clock);
}

/// <summary>The eligibility rules of one module (stored, changed by recipe).</summary>
public sealed class ModuleEligibility
{
    public required string ModuleId { get; set; }

    public List<EligibilityRule> Rules { get; set; } = [];
}

internal sealed class ModuleEligibilityConfiguration : IEntityTypeConfiguration<ModuleEligibility>
{
    public void Configure(EntityTypeBuilder<ModuleEligibility> e)
    {
        e.ToTable("eligibility_rules");
        e.HasKey(x => x.ModuleId);
        e.Property(x => x.ModuleId).HasMaxLength(64);
        e.Property(x => x.Rules).HasColumnType("jsonb").HasConversion(JsonColumns.DocumentConverter<List<EligibilityRule>>(), JsonColumns.ListComparer<EligibilityRule>());
    }
}
