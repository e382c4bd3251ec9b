namespace IpPlatform.Kernel.Time;

/// <summary>All deadlines are Beijing time (UTC+8, no daylight saving).</summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>A Beijing wall-clock date and time as an instant.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>The first instant after the given Beijing date ends (the next midnight).</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => At(date.AddDays(1), TimeOnly.MinValue);
}
