namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Checks the effects of one workflow action: a notice to the applicant, or an effect of a kind another part of the
/// kernel registered (<see cref="IWorkflowEffectKinds"/>), with what that kind needs.
/// </summary>
internal static class WorkflowEffectsValidator
{
    public static void Validate(WorkflowAction action, string at, IReadOnlyList<IWorkflowEffectKinds> effectKinds, Action<string, string> Error)
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

            if (effectKinds.FirstOrDefault(k => k.Kinds.Contains(effect.Kind)) is not { } kind)
            {
                Error($"{eat}.kind", $"效果只能是 notify 或：{string.Join("、", effectKinds.SelectMany(k => k.Kinds))}");
                continue;
            }

            foreach (var (field, message) in kind.Problems(effect, action))
            {
                Error($"{eat}.{field}", message);
            }
        }
    }
}
