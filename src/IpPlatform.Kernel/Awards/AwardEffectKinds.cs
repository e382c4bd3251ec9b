using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// The consequences for an award an obligation's chain may have (see <see cref="WorkflowEffect"/> and
/// docs/awards-format.md), and what each needs: a status, an obligation, an ending, directory fields, a credit record,
/// month counts and their bounds.
/// </summary>
public sealed class AwardEffectKinds : IWorkflowEffectKinds
{
    public static readonly IReadOnlyList<string> All =
        ["awardStatus", "openObligation", "revokeAward", "endAward", "renewAward", "updateDirectory", "creditRecord"];

    public IReadOnlyList<string> Kinds => All;

    public IEnumerable<(string Field, string Message)> Problems(WorkflowEffect effect, WorkflowAction action)
    {
        var missing = effect.Kind switch
        {
            "awardStatus" when AwardStatusNames.Parse(effect.Status) is not { } status || !AwardStatusNames.IsActive(status) => "status",
            "openObligation" when string.IsNullOrWhiteSpace(effect.Obligation) => "obligation",
            "revokeAward" when string.IsNullOrWhiteSpace(effect.Ending) => "ending",
            "endAward" when AwardStatusNames.Parse(effect.Status) is not { } ending || !AwardStatusNames.Endings.Contains(ending) => "status",
            "updateDirectory" when effect.Fields is not { Count: > 0 } || effect.Fields.Values.Any(f => f.Split('.').Length != 2) => "fields",
            "creditRecord" when string.IsNullOrWhiteSpace(effect.Credit) || !CreditRecord.Stages.Contains(effect.Stage ?? "") => "credit",
            _ => null,
        };
        if (missing is not null)
        {
            yield return (missing, $"效果“{effect.Kind}”的 {missing} 缺失或无效（见 docs/awards-format.md）");
        }

        if (effect.Months is { } months && !months.StartsWith("setting:", StringComparison.Ordinal)
            && !(months.StartsWith("input:", StringComparison.Ordinal) && action.InputList.Any(i => i.Key == months[6..] && i.Kind == WorkflowInputKind.Integer))
            && !int.TryParse(months, out _))
        {
            yield return ("months", "月数应为整数、setting:设置名 或 input:本动作的整数输入");
        }

        foreach (var (name, bound) in new[] { ("minMonths", effect.MinMonths), ("maxMonths", effect.MaxMonths) })
        {
            if (bound is not null && (effect.Kind != "openObligation" || !(bound.StartsWith("setting:", StringComparison.Ordinal) || int.TryParse(bound, out _))))
            {
                yield return (name, "月数上下限只用于 openObligation，应为整数或 setting:设置名");
            }
        }
    }
}
