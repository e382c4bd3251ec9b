using System.Text.Json.Nodes;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Kernel.Awards;

/// <summary>A figure computed from a filing for its reviewers and experts (e.g. a KPI count), and whether it meets its target.</summary>
public sealed record Finding(string Label, string Value, bool? Met = null);

/// <summary>How much of an award's funds is clawed back, and the computation as both sides see it.</summary>
public sealed record Clawback(decimal Amount, string Computation);

/// <summary>What an award has filed, for rules that compute from it: each obligation's latest submitted answers.</summary>
public sealed record AwardFacts(Award Award, JsonObject Settings, IReadOnlyDictionary<string, JsonObject> LatestFilings);

/// <summary>
/// Rules a module contributes in code where data cannot express them (its <see cref="ProgramModule.ConfigureServices"/>
/// registers an implementation): seed 004's claw-back in proportion to task completion and its KPI count with a PCT
/// national phase entry counting twice. The kernel asks the implementation whose <see cref="ModuleId"/> matches.
/// </summary>
public interface IAwardRules
{
    string ModuleId { get; }

    /// <summary>
    /// Figures about a filing of <paramref name="obligationKey"/> of <paramref name="award"/> (an empty list when there is
    /// nothing to compute); what counts may depend on the award's period (seed 004: patents granted within it).
    /// </summary>
    IReadOnlyList<Finding> Findings(string obligationKey, JsonObject answers, JsonObject settings, Award award);

    /// <summary>The claw-back when the award is revoked on a ground that claws back; null when nothing is due.</summary>
    Clawback? Clawback(AwardFacts facts);
}
