namespace IpPlatform.Kernel.Time;

/// <summary>
/// The platform's clock: the system's (or a test's), which one flow of work may set to another instant for as long as
/// it runs (<see cref="TravelTo"/>, an <see cref="AsyncLocal{T}"/>: requests, timers and other flows are not affected).
/// Only the demo's journeys use it, to make a year of the platform's life through its own services, each step on its date.
/// </summary>
public class TravellingClock(TimeProvider inner) : TimeProvider
{
    private readonly AsyncLocal<TimeSpan?> _offset = new();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + (_offset.Value ?? TimeSpan.Zero);

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <summary>
    /// From now until the returned scope is disposed, this flow's clock reads <paramref name="instant"/> and runs on from
    /// there; disposing restores what it read before.
    /// </summary>
    public IDisposable TravelTo(DateTimeOffset instant)
    {
        var previous = _offset.Value;
        _offset.Value = null;
        _offset.Value = instant - GetUtcNow();
        return new Return(() => _offset.Value = previous);
    }

    private sealed class Return(Action back) : IDisposable
    {
        public void Dispose() => back();
    }
}
