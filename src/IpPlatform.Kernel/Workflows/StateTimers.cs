using System.Text.Json.Nodes;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Time;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Sets the timer of a state being entered: its deadline (from a date input, working days, days, months, or an
/// obligation's due day), the moment it expires, the expiry action, and when the reminder goes out.
/// </summary>
internal sealed class StateTimers(CalendarStore calendars)
{
    /// <summary>A subject that only brings its due day (an obligation started with one).</summary>
    internal sealed class FixedDue(DateOnly due) : IWorkflowSubject
    {
        public IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        public string ApplicantLink => "";

        public DateOnly? DueOn => due;

        public Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, JsonObject inputs, CancellationToken ct) => Task.FromResult<string?>(null);

        public Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct) =>
            Task.FromResult<JsonObject?>(null);
    }

    /// <summary>The timer <paramref name="to"/> sets on entry, from now; a failure when the working-day calendar is not maintained.</summary>
    public async Task<Outcome<TimerSetting>> SetAsync(
        WorkflowState to, JsonObject inputs, DateTimeOffset now, IWorkflowSubject subject, CancellationToken ct)
    {
        if (to.Timer is not { } timer)
        {
            return Outcome<TimerSetting>.Ok(TimerSetting.None);
        }

        var today = BeijingTime.DateOf(now);
        try
        {
            var calendar = await calendars.GetAsync(ct);
            if (timer.Due && subject.DueOn is null)
            {
                return Outcome<TimerSetting>.Ok(TimerSetting.None);
            }

            var last = timer.Due ? subject.DueOn!.Value
                : timer.Input is { } input ? DateOnly.ParseExact(inputs[input]!.ToString(), "yyyy-MM-dd")
                : timer.WorkingDays is { } workingDays ? calendar.AddWorkingDays(today, workingDays)
                : timer.Days is { } days ? today.AddDays(days - 1)
                : today.AddMonths(timer.Months!.Value).AddDays(-1);
            DateTimeOffset? remindAt = null;
            if (timer.Remind is { } remind)
            {
                var day = ReminderDay(calendar, last, remind.WorkingDaysBefore);
                remindAt = day > today ? BeijingTime.At(day, new TimeOnly(9, 0)).ToUniversalTime() : null;
            }

            // Stored as UTC (PostgreSQL timestamptz); shown in Beijing time.
            return Outcome<TimerSetting>.Ok(new TimerSetting(last, BeijingTime.EndOfDay(last).ToUniversalTime(), timer.Expiry, remindAt));
        }
        catch (CalendarNotMaintainedException ex)
        {
            return Outcome<TimerSetting>.Fail("", ex.Message);
        }
    }

    /// <summary>
    /// The day a reminder goes out, <paramref name="workingDays"/> working days before <paramref name="last"/>. An
    /// obligation may fall due in a year whose holidays nobody has entered yet (a report due in two years): its deadline
    /// stands, and its reminder goes out twice as many calendar days before — never later than the working days would put it.
    /// </summary>
    private static DateOnly ReminderDay(WorkingDayCalendar calendar, DateOnly last, int workingDays)
    {
        try
        {
            return calendar.SubtractWorkingDays(last, workingDays);
        }
        catch (CalendarNotMaintainedException)
        {
            return last.AddDays(-2 * workingDays);
        }
    }

    /// <summary>The period a state's timer sets: its last day, the moment after it, the expiry action, the reminder time.</summary>
    internal sealed record TimerSetting(DateOnly? Deadline, DateTimeOffset? DueAt, string? Expiry, DateTimeOffset? RemindAt)
    {
        public static readonly TimerSetting None = new(null, null, null, null);
    }
}
