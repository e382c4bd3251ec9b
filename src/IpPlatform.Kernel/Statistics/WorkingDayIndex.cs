using IpPlatform.Kernel.Calendar;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// The working-day calendar as a table the database can join: for every day of the maintained years, how many working
/// days there are from the first maintained day up to and including it (<see cref="Numbers"/>), and the run of
/// consecutive maintained years it belongs to (<see cref="Runs"/>). The working days after day A up to and including day B
/// are then Numbers(B) − Numbers(A), when both days are in the same run; a day of a year nobody has maintained is not in
/// the table, so nothing is guessed for it (as <see cref="WorkingDayCalendar"/> refuses to guess).
/// </summary>
public sealed record WorkingDayIndex(DateOnly[] Days, int[] Numbers, int[] Runs)
{
    public static WorkingDayIndex Of(WorkingDayCalendar calendar)
    {
        var (days, numbers, runs) = (new List<DateOnly>(), new List<int>(), new List<int>());
        var (count, run, previous) = (0, 0, int.MinValue);
        foreach (var year in calendar.MaintainedYears.Order())
        {
            if (year != previous + 1)
            {
                run++;
            }

            previous = year;
            for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day))
                {
                    count++;
                }

                days.Add(day);
                numbers.Add(count);
                runs.Add(run);
            }
        }

        return new WorkingDayIndex([.. days], [.. numbers], [.. runs]);
    }

    /// <summary>In memory: the working days after <paramref name="from"/> up to and including <paramref name="to"/>, or null when not both maintained in one run.</summary>
    public int? Between(DateOnly from, DateOnly to)
    {
        var (a, b) = (Array.BinarySearch(Days, from), Array.BinarySearch(Days, to));
        return a < 0 || b < 0 || Runs[a] != Runs[b] ? null : Numbers[b] - Numbers[a];
    }
}
