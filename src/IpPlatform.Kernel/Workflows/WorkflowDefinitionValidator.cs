using System.Text.RegularExpressions;

namespace IpPlatform.Kernel.Workflows;

/// <summary>Checks a workflow definition before it is stored: every problem with its JSON path, in Chinese.</summary>
public static partial class WorkflowDefinitionValidator
{
    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex DefinitionKey();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex PartKey();

    /// <param name="effectKinds">The effects beyond <c>notify</c> an action may have, each with its own checks (see <see cref="IWorkflowEffectKinds"/>).</param>
    public static IReadOnlyList<(string Path, string Message)> Validate(WorkflowDefinition definition, IEnumerable<IWorkflowEffectKinds> effectKinds)
    {
        var kinds = effectKinds.ToList();
        var errors = new List<(string, string)>();
        void Error(string path, string message) => errors.Add((path, message));

        if (!DefinitionKey().IsMatch(definition.Key ?? ""))
        {
            Error("key", "流程标识只能由小写字母、数字、点和连字符组成");
        }

        if (string.IsNullOrWhiteSpace(definition.Title))
        {
            Error("title", "缺少流程名称");
        }

        var states = new HashSet<string>();
        for (var s = 0; s < definition.States.Count; s++)
        {
            var state = definition.States[s];
            if (!PartKey().IsMatch(state.Key ?? "") || !states.Add(state.Key!))
            {
                Error($"states[{s}].key", $"状态标识“{state.Key}”须为字母开头的字母数字组合，且不重复");
            }

            if (string.IsNullOrWhiteSpace(state.Label))
            {
                Error($"states[{s}].label", "缺少状态名称");
            }
        }

        if (definition.State(definition.Initial) is not { } initial)
        {
            Error("initial", $"初始状态“{definition.Initial}”不存在");
        }
        else if (initial.Phase != WorkflowPhase.Draft)
        {
            Error("initial", "初始状态须为草稿阶段（phase: draft）");
        }

        var actionKeys = new HashSet<string>();
        for (var a = 0; a < definition.Actions.Count; a++)
        {
            var action = definition.Actions[a];
            var at = $"actions[{a}]";
            if (!PartKey().IsMatch(action.Key ?? "") || !actionKeys.Add(action.Key!))
            {
                Error($"{at}.key", $"动作标识“{action.Key}”须为字母开头的字母数字组合，且不重复");
            }

            ValidateAction(definition, action, at, states, kinds, Error);
        }

        for (var s = 0; s < definition.States.Count; s++)
        {
            if (definition.States[s].Timer is { } timer)
            {
                WorkflowTimerValidator.Validate(definition, definition.States[s], timer, $"states[{s}].timer", Error);
            }
        }

        for (var a = 0; a < definition.Actions.Count; a++)
        {
            var action = definition.Actions[a];
            var started = action.Trigger is not null
                || definition.States.Any(s => s.Timer?.Expiry == action.Key && action.From.Contains(s.Key));
            if (action.BySystem && !started)
            {
                Error($"actions[{a}]", $"系统动作“{action.Key}”须由计时器到期（timer.expiry）或触发条件（trigger）引发");
            }
        }

        var exportKeys = new HashSet<string>();
        for (var x = 0; x < definition.ExportList.Count; x++)
        {
            var export = definition.ExportList[x];
            if (!PartKey().IsMatch(export.Key ?? "") || !exportKeys.Add(export.Key!))
            {
                Error($"exports[{x}].key", $"导出表标识“{export.Key}”须为字母开头的字母数字组合，且不重复");
            }

            if (string.IsNullOrWhiteSpace(export.Title) || export.Columns.Count == 0)
            {
                Error($"exports[{x}]", "导出表须有名称和至少一列");
            }

            for (var c = 0; c < export.Columns.Count; c++)
            {
                var column = export.Columns[c];
                var sources = (column.Answer is null ? 0 : 1) + (column.Value is null ? 0 : 1);
                if (string.IsNullOrWhiteSpace(column.Label) || sources != 1
                    || (column.Value is { } value && !WorkflowExportColumn.Values.Contains(value))
                    || (column.Answer is { } answer && answer.Split('.') is not [{ Length: > 0 }, { Length: > 0 }]))
                {
                    Error($"exports[{x}].columns[{c}]", $"每列须有名称，并且只取一种来源：answer（“部分.字段”）或 value（{string.Join("、", WorkflowExportColumn.Values)}）");
                }
            }
        }

        return errors;
    }

    private static void ValidateAction(
        WorkflowDefinition definition, WorkflowAction action, string at, HashSet<string> states, IReadOnlyList<IWorkflowEffectKinds> effectKinds, Action<string, string> Error)
    {
        if (string.IsNullOrWhiteSpace(action.Label))
        {
            Error($"{at}.label", "缺少动作名称");
        }

        if (action.From.Count == 0)
        {
            Error($"{at}.from", "须至少指定一个起始状态");
        }

        foreach (var from in action.From.Where(f => !states.Contains(f)))
        {
            Error($"{at}.from", $"起始状态“{from}”不存在");
        }

        if (!states.Contains(action.To))
        {
            Error($"{at}.to", $"目标状态“{action.To}”不存在");
        }

        var known = Authorities.StaffRoleCatalog.ReviewerKeys.Append(WorkflowRoles.Applicant).Append(WorkflowRoles.System).ToHashSet();
        if (action.Roles.Count == 0 || action.Roles.Any(r => !known.Contains(r)))
        {
            Error($"{at}.roles", $"角色只能是 {string.Join("、", known)}");
        }
        else if ((action.BySystem || action.ByApplicant) && action.Roles.Count > 1)
        {
            Error($"{at}.roles", "applicant 与 system 须单独使用，不能与其他角色并列");
        }
        else if (action.BySystem || action.ByApplicant)
        {
            if (action.Scope is not null)
            {
                Error($"{at}.scope", "申请单位与系统动作不设范围（申请单位只能处理本单位的申报）");
            }
        }
        else if (action.Scope is null || !WorkflowRoles.Scopes.Contains(action.Scope))
        {
            Error($"{at}.scope", $"审核动作须指定范围：{string.Join("、", WorkflowRoles.Scopes)}");
        }

        if (action.Trigger is { } trigger && (!WorkflowRoles.Triggers.Contains(trigger) || !action.BySystem))
        {
            Error($"{at}.trigger", $"触发条件只能是 {string.Join("、", WorkflowRoles.Triggers)}，且只用于系统动作");
        }

        if (action.BySystem && action.InputList.Count > 0)
        {
            Error($"{at}.inputs", "系统动作不能要求填写内容");
        }

        var inputKeys = new HashSet<string>();
        for (var i = 0; i < action.InputList.Count; i++)
        {
            var input = action.InputList[i];
            var iat = $"{at}.inputs[{i}]";
            if (!PartKey().IsMatch(input.Key ?? "") || !inputKeys.Add(input.Key!))
            {
                Error($"{iat}.key", $"填写项标识“{input.Key}”须为字母开头的字母数字组合，且不重复");
            }

            if (string.IsNullOrWhiteSpace(input.Label))
            {
                Error($"{iat}.label", "缺少填写项名称");
            }

            if (input.Kind == WorkflowInputKind.Choice && (input.Options is not { Count: > 0 } || input.Options.Distinct().Count() != input.Options.Count))
            {
                Error($"{iat}.options", "单选项须列出互不相同的选项");
            }

            if (input.Kind == WorkflowInputKind.Section && string.IsNullOrWhiteSpace(input.Section))
            {
                Error($"{iat}.section", "须指明由审核部门填写的申报书部分（section）");
            }

            if (input.Past && (input.Kind != WorkflowInputKind.Date || input.DefaultWorkingDays is not null))
            {
                Error($"{iat}.past", "past 只用于没有默认工作日数的日期项（已发生的日期，如发文日期）");
            }

            if (input.DefaultWorkingDays is { } days && (input.Kind != WorkflowInputKind.Date || days is < 1 or > 60))
            {
                Error($"{iat}.defaultWorkingDays", "默认工作日数只用于日期项，且在 1–60 之间");
            }

            if (input.MaxLength is { } max && max is < 1 or > 20000)
            {
                Error($"{iat}.maxLength", "长度上限应在 1–20000 之间");
            }
        }

        foreach (var guard in action.GuardList)
        {
            var isSetting = guard.StartsWith(WorkflowRoles.SettingGuardPrefix, StringComparison.Ordinal)
                && PartKey().IsMatch(guard[WorkflowRoles.SettingGuardPrefix.Length..]);
            var isInput = guard.StartsWith(WorkflowRoles.InputGuardPrefix, StringComparison.Ordinal)
                && guard[WorkflowRoles.InputGuardPrefix.Length..].Split('=', 2) is [var path, _]
                && action.InputList.Any(i => i.Key == path.Split('.')[0]);
            if (!isSetting && !isInput && !WorkflowRoles.KnownGuards.Contains(guard))
            {
                Error($"{at}.guards", $"不认识的前置条件“{guard}”（可用：{string.Join("、", WorkflowRoles.KnownGuards)}、setting:设置名、input:本动作的输入=值）");
            }

            if (guard == "flagsAccepted" && action.InputList.FirstOrDefault(i => i.Key == "relaxation") is not { Required: false, Kind: WorkflowInputKind.LongText })
            {
                Error($"{at}.inputs", "使用 flagsAccepted 的动作须有非必填的长文本输入“relaxation”（放宽数量限制的理由）");
            }
        }

        WorkflowEffectsValidator.Validate(action, at, effectKinds, Error);
    }
}
