namespace IpPlatform.Testing;

/// <summary>
/// The system clock, which a test may move forward for a while (tests of a web assembly run one at a time); like the
/// platform's own clock, one flow of work may also travel to another instant (the demo's journeys).
/// </summary>
public sealed class TestClock() : Kernel.Time.TravellingClock(TimeProvider.System)
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock on by <paramref name="by"/> until the returned scope is disposed.</summary>
    public IDisposable Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return new Restore(() => Interlocked.Add(ref _offsetTicks, -by.Ticks));
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
