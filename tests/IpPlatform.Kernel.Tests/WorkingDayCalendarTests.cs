using IpPlatform.Kernel.Calendar;

namespace IpPlatform.Kernel.Tests;

/// <summary>The examples of shared/DOMAIN.md, on the calendar the site recipe loads.</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = SiteRecipeCalendar.Load();

    [Theory]
    [InlineData("2024-01-04", 5, "2024-01-10")]
    [InlineData("2025-09-26", 5, "2025-10-09")]
    [InlineData("2026-02-12", 5, "2026-02-25")]
    [InlineData("2026-09-30", 5, "2026-10-12")]
    [InlineData("2024-01-04", 1, "2024-01-04")]
    [InlineData("2024-02-09", 2, "2024-02-18")]
    public void Adds_working_days_counting_the_first_day(string from, int count, string end)
    {
        Calendar.AddWorkingDays(DateOnly.Parse(from), count).ShouldBe(DateOnly.Parse(end));
    }

    [Fact]
    public void A_period_starting_on_a_holiday_begins_on_the_next_working_day()
    {
        // 2024-10-01 is 国庆节; the first working day after it is Tue 2024-10-08.
        Calendar.AddWorkingDays(new DateOnly(2024, 10, 1), 1).ShouldBe(new DateOnly(2024, 10, 8));
    }

    [Theory]
    [InlineData("2024-02-04", true)]  // Sunday worked (调休)
    [InlineData("2024-02-12", false)] // Monday in 春节
    [InlineData("2025-10-08", false)] // Wednesday in 国庆节、中秋节
    [InlineData("2026-01-03", false)] // Saturday in 元旦
    [InlineData("2026-01-05", true)]  // an ordinary Monday
    [InlineData("2026-01-10", false)] // an ordinary Saturday
    public void Knows_holidays_and_weekend_working_days(string date, bool working)
    {
        Calendar.IsWorkingDay(DateOnly.Parse(date)).ShouldBe(working);
    }

    [Fact]
    public void Counts_working_days_in_a_range()
    {
        Calendar.CountWorkingDays(new DateOnly(2024, 1, 4), new DateOnly(2024, 1, 10)).ShouldBe(5);
    }

    [Fact]
    public void Refuses_a_year_nobody_has_maintained()
    {
        var error = Should.Throw<CalendarNotMaintainedException>(() => Calendar.AddWorkingDays(new DateOnly(2026, 12, 25), 10));

        error.Year.ShouldBe(2027);
        error.Message.ShouldContain("2027年的节假日安排尚未维护");
    }

    [Fact]
    public void Count_must_be_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2024, 1, 4), 0));
    }
}
