namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Checks the effects of one workflow action: a notice to the applicant, or one of the award effects with what it needs
/// (a status, an obligation, an ending, directory fields, a credit record, month counts and their bounds).
/// </summary>
internal static class WorkflowEffectsValidator
{
    public static void Validate(WorkflowAction action, string at, Action<string, string> Error)
    {
        for (var e = 0; e < action.EffectList.Count; e++)
        {
            var effect = action.EffectList[e];
            var eat = $"{at}.effects[{e}]";
            if (effect.Kind == WorkflowRoles.NotifyEffect)
            {
                if (effect.To != WorkflowRoles.Applicant || string.IsNullOrWhiteSpace(effect.Subject) || string.IsNullOrWhiteSpace(effect.Body))
                {
                    Error(eat, "通知只发给申请单位（to: applicant），须有标题（subject）和正文（body）");
                }

                continue;
            }

            if (!WorkflowRoles.AwardEffects.Contains(effect.Kind))
            {
                Error($"{eat}.kind", $"效果只能是 notify 或：{string.Join("、", WorkflowRoles.AwardEffects)}");
                continue;
            }

            var missing = effect.Kind switch
            {
                "awardStatus" when Awards.AwardStatusNames.Parse(effect.Status) is not { } status || !Awards.AwardStatusNames.IsActive(status) => "status",
                "openObligation" when string.IsNullOrWhiteSpace(effect.Obligation) => "obligation",
                "revokeAward" when string.IsNullOrWhiteSpace(effect.Ending) => "ending",
                "endAward" when Awards.AwardStatusNames.Parse(effect.Status) is not { } ending || !Awards.AwardStatusNames.Endings.Contains(ending) => "status",
                "updateDirectory" when effect.Fields is not { Count: > 0 } || effect.Fields.Values.Any(f => f.Split('.').Length != 2) => "fields",
                "creditRecord" when string.IsNullOrWhiteSpace(effect.Credit) || !Sanctions.CreditRecord.Stages.Contains(effect.Stage ?? "") => "credit",
                _ => null,
            };
            if (missing is not null)
            {
                Error($"{eat}.{missing}", $"效果“{effect.Kind}”的 {missing} 缺失或无效（见 docs/awards-format.md）");
            }

            if (effect.Months is { } months && !months.StartsWith("setting:", StringComparison.Ordinal)
                && !(months.StartsWith("input:", StringComparison.Ordinal) && action.InputList.Any(i => i.Key == months[6..] && i.Kind == WorkflowInputKind.Integer))
                && !int.TryParse(months, out _))
            {
                Error($"{eat}.months", "月数应为整数、setting:设置名 或 input:本动作的整数输入");
            }

            foreach (var (name, bound) in new[] { ("minMonths", effect.MinMonths), ("maxMonths", effect.MaxMonths) })
            {
                if (bound is not null && (effect.Kind != "openObligation" || !(bound.StartsWith("setting:", StringComparison.Ordinal) || int.TryParse(bound, out _))))
                {
                    Error($"{eat}.{name}", "月数上下限只用于 openObligation，应为整数或 setting:设置名");
                }
            }
        }
    }
}
