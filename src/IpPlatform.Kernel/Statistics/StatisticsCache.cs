using System.Collections.Concurrent;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// Statistics already counted, per reach and filter, kept while the data they were counted from is unchanged (the same
/// <see cref="StatisticsVersion"/> and the same calendar) and for at most <see cref="MaxAge"/> (what is overdue or due this
/// month moves with the clock). Viewers asking at once share one count. Each instance keeps its own; the version is read
/// from the database, so a change made on another instance is seen at the next request.
/// </summary>
public sealed class StatisticsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The count starts when the entry wins its place in the dictionary (<see cref="Lazy{T}"/>): racing viewers never count twice.</summary>
    private sealed record Entry(Lazy<Task<RoundStatistics>> Count, StatisticsVersion Version, object Calendar, DateTimeOffset Started)
    {
        public Task<RoundStatistics> Value => Count.Value;
    }

    public async Task<RoundStatistics> GetAsync(
        string key, StatisticsVersion version, object calendar, Func<Task<RoundStatistics>> count, CancellationToken ct)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var entry = _entries.GetOrAdd(key, _ => new Entry(new(count), version, calendar, now));
            if (entry.Version.Before(version) || !ReferenceEquals(entry.Calendar, calendar) || now - entry.Started > MaxAge)
            {
                _entries.TryUpdate(key, new Entry(new(count), version, calendar, now), entry);
                continue;
            }

            try
            {
                return await entry.Value.WaitAsync(ct);
            }
            catch when (entry.Value.IsFaulted || entry.Value.IsCanceled)
            {
                // A failed count is not kept: the next viewer counts again.
                _entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }
}

/// <summary>
/// Where the data stands: the last entry of the change log every save of an application, review instance, award or 公示
/// writes in its transaction (<see cref="Search.SearchChange"/>), and the objections raised and handled (which the log
/// does not see).
/// </summary>
public sealed record StatisticsVersion(long Changes, long Objections, long Handled)
{
    /// <summary>Something changed since this version (a count made from a newer one is kept, not replaced by an older reading).</summary>
    public bool Before(StatisticsVersion other) => Changes < other.Changes || Objections < other.Objections || Handled < other.Handled;
}
