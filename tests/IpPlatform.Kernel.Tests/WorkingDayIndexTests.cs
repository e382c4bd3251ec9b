using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Statistics;

namespace IpPlatform.Kernel.Tests;

/// <summary>The calendar as the table the statistics join: the same working days as the calendar counts, nothing guessed.</summary>
public sealed class WorkingDayIndexTests
{
    private static readonly WorkingDayCalendar Calendar = SiteRecipeCalendar.Load();

    [Theory]
    [InlineData("2024-01-04", "2024-01-10", 4)]   // Thu to Wed: Fri, Mon, Tue, Wed
    [InlineData("2024-02-08", "2024-02-19", 3)]   // across 春节: Fri 2024-02-09, the 调休 Sunday 2024-02-18, Mon 2024-02-19
    [InlineData("2025-09-26", "2025-10-09", 4)]   // across 国庆节、中秋节 and the 调休 Sunday 2025-09-28
    [InlineData("2025-12-31", "2026-01-05", 2)]   // across the year and 元旦: the 调休 Sunday 2026-01-04 and Mon 2026-01-05
    [InlineData("2026-03-02", "2026-03-02", 0)]
    public void Counts_the_working_days_after_a_day_up_to_another_as_the_calendar_does(string from, string to, int expected)
    {
        var index = WorkingDayIndex.Of(Calendar);
        var (a, b) = (DateOnly.Parse(from), DateOnly.Parse(to));
        index.Between(a, b).ShouldBe(expected);
        index.Between(a, b).ShouldBe(Calendar.CountWorkingDays(a.AddDays(1), b));
    }

    [Fact]
    public void A_day_in_a_year_nobody_maintained_or_across_a_gap_is_not_counted()
    {
        var index = WorkingDayIndex.Of(new WorkingDayCalendar([
            new CalendarDay { Date = new DateOnly(2024, 1, 1), Kind = CalendarDayKind.Holiday, Name = "元旦" },
            new CalendarDay { Date = new DateOnly(2026, 1, 1), Kind = CalendarDayKind.Holiday, Name = "元旦" },
        ]));
        index.Between(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 3)).ShouldBeNull();
        index.Between(new DateOnly(2024, 12, 30), new DateOnly(2026, 1, 5)).ShouldBeNull();
        index.Between(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 5)).ShouldBe(2);   // Fri 2 and Mon 5
        index.Days.Length.ShouldBe(366 + 365);
    }
}
