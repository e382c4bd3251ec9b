namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Checks a state's timer: exactly one kind of period in range, a date input every entering action requires, an
/// expiry action the system may take from that state, and a reminder with its timing, subject and body.
/// </summary>
internal static class WorkflowTimerValidator
{
    public static void Validate(WorkflowDefinition definition, WorkflowState state, WorkflowTimer timer, string at, Action<string, string> Error)
    {
        var periods = new object?[] { timer.Input, timer.WorkingDays, timer.Days, timer.Months, timer.Due ? true : null }.Count(p => p is not null);
        if (periods != 1)
        {
            Error(at, "计时器须且只须指定一种期限：input（填写的日期）、workingDays、days、months 或 due（义务的截止日）");
        }



        if (new[] { timer.WorkingDays, timer.Days, timer.Months }.Any(n => n is < 1 or > 3660))
        {
            Error(at, "期限应在 1–3660 之间");
        }

        if (timer.Input is { } input)
        {
            foreach (var entering in definition.Actions.Where(a => a.To == state.Key))
            {
                if (entering.InputList.FirstOrDefault(i => i.Key == input) is not { Kind: WorkflowInputKind.Date, Required: true, Past: false })
                {
                    Error($"{at}.input", $"进入该状态的动作“{entering.Key}”须有必填日期项“{input}”");
                }
            }
        }

        if (timer.Expiry is { } expiry && definition.Action(expiry) is not { BySystem: true } action)
        {
            Error($"{at}.expiry", $"到期动作“{expiry}”须是本流程的系统动作");
        }
        else if (timer.Expiry is { } key && !definition.Action(key)!.From.Contains(state.Key))
        {
            Error($"{at}.expiry", $"到期动作“{key}”须能从状态“{state.Key}”执行");
        }

        if (timer.Remind is { } remind && (remind.WorkingDaysBefore is < 1 or > 30 || string.IsNullOrWhiteSpace(remind.Subject) || string.IsNullOrWhiteSpace(remind.Body)))
        {
            Error($"{at}.remind", "提醒须在到期前 1–30 个工作日，并有标题和正文");
        }
    }
}
