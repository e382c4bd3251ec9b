using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// Small, rarely changing tables (calendar, programs, authorities) held in memory and loaded once per change.
/// Whoever changes such a table calls <see cref="Invalidate"/> after the commit (recipe steps do it through
/// RecipeExecution.AfterCommit); the other instances evict the same key when the broadcast reaches them. Entries also
/// expire after <see cref="MaxAge"/>: the bound on staleness should a broadcast be lost.
/// </summary>
public sealed class ReferenceDataCache(IServiceScopeFactory scopes, TimeProvider clock, CacheBroadcast? broadcast = null) : ILocalEviction
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public const string BroadcastTopic = "ref";

    string ILocalEviction.Topic => BroadcastTopic;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<IServiceProvider, CancellationToken, Task<T>> load, CancellationToken ct = default)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry(LoadAsync(load), clock.GetUtcNow()));
            if (clock.GetUtcNow() - entry.LoadedAt > MaxAge)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
                continue;
            }

            try
            {
                return (T)(await entry.Value.WaitAsync(ct))!;
            }
            catch when (entry.Value.IsFaulted)
            {
                // A failed load is not cached: the next caller tries again.
                _entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }

    /// <summary>Drops <paramref name="key"/> here and on every other instance.</summary>
    public void Invalidate(string key)
    {
        _entries.TryRemove(key, out _);
        broadcast?.Send(BroadcastTopic, key);
    }

    public void EvictLocally(string? key)
    {
        if (key is null)
        {
            _entries.Clear();
        }
        else
        {
            _entries.TryRemove(key, out _);
        }
    }

    private async Task<object?> LoadAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> load)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await load(scope.ServiceProvider, CancellationToken.None);
    }

    private sealed record Entry(Task<object?> Value, DateTimeOffset LoadedAt);
}
