namespace IpPlatform.Kernel.Calendar;

/// <summary>Raised when a computation needs a year for which no holiday table has been maintained.</summary>
public sealed class CalendarNotMaintainedException(int year)
    : InvalidOperationException($"{year}年的节假日安排尚未维护，无法计算工作日，请管理员先补充该年度的节假日与调休数据")
{
    public int Year { get; } = year;
}

/// <summary>
/// Working days by the admin-maintained table of holidays and 调休 days; pure and in memory once loaded.
/// A year counts as maintained when it has at least one entry (every Chinese year has statutory holidays).
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _exceptions;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        _exceptions = days.ToDictionary(d => d.Date, d => d.Kind);
        _years = _exceptions.Keys.Select(d => d.Year).ToHashSet();
    }

    public static WorkingDayCalendar Empty { get; } = new([]);

    public IReadOnlyCollection<int> MaintainedYears => _years;

    public bool IsMaintained(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        EnsureMaintained(date.Year);
        if (_exceptions.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The last day of a period of <paramref name="count"/> working days beginning on <paramref name="start"/>.
    /// The first day counts when it is a working day, as in 公示 practice ("5个工作日" from Thu 2024-01-04 ends Wed 2024-01-10).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = start;
        var counted = 0;
        while (true)
        {
            if (IsWorkingDay(day) && ++counted == count)
            {
                return day;
            }

            day = day.AddDays(1);
        }
    }

    /// <summary>The working day <paramref name="count"/> working days before <paramref name="date"/> (e.g. a reminder 3 working days before a deadline).</summary>
    public DateOnly SubtractWorkingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = date;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(-1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private void EnsureMaintained(int year)
    {
        if (!_years.Contains(year))
        {
            throw new CalendarNotMaintainedException(year);
        }
    }
}
