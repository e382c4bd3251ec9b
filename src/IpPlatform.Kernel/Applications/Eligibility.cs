using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Time;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// One eligibility rule of a module, as data. Thresholds come from the program's settings when <see cref="Setting"/> is
/// named, so a city's copy of a program applies its own.
/// </summary>
public sealed record EligibilityRule(
    string Kind, string Message, IReadOnlyList<string>? Values = null, string? Setting = null, decimal? Value = null, string? Field = null);

public sealed record EligibilityResult(string Rule, bool Passed, string Message, bool CheckedAtSubmit = false);

/// <summary>
/// Rule kinds: organisationTypes (values), minYearsEstablished, minStaff, sameCityAsOwner (the applicant is registered in
/// the owner city), answerMin / answerAtMost (a numeric answer — a yes/no answer counts 1 or 0 — at least / at most the
/// threshold, see <see cref="AnswerValue"/>; checked at submit).
/// </summary>
public static class Eligibility
{
    public static readonly string[] Kinds = ["organisationTypes", "minYearsEstablished", "minStaff", "sameCityAsOwner", "answerMin", "answerAtMost"];

    /// <summary>Rules about the application's own answers (checked at submit, not at the pre-check).</summary>
    public static bool OnAnswers(string kind) => kind is "answerMin" or "answerAtMost";

    public static IReadOnlyList<EligibilityResult> Check(
        IReadOnlyList<EligibilityRule> rules, ApplicantProfile applicant, JsonObject programSettings, string ownerCity, DateOnly today, JsonObject? answers)
    {
        var results = new List<EligibilityResult>();
        foreach (var rule in rules)
        {
            decimal? configured = rule.Value ?? (rule.Setting is { } s && programSettings[s] is JsonValue v
                && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null);
            if (configured is null && rule.Kind is "minYearsEstablished" or "minStaff" or "answerMin" or "answerAtMost")
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
                    results.Add(new(rule.Kind, value is not null && value >= threshold, message, CheckedAtSubmit: true));
                    break;
                case "answerAtMost":
                    var count = answers is null ? null : AnswerValue(rule.Field!, answers);
                    results.Add(new(rule.Kind, count is null || count <= threshold, message, CheckedAtSubmit: true));
                    break;
            }
        }

        return results;
    }

    /// <summary>
    /// "a.x+a.y" sums answers; "a.x|b.x" takes the first alternative whose section was answered (form variants).
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

            var values = parts.Select(p => FormAnswers.Text(answers, p[0], p[1]) switch
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
