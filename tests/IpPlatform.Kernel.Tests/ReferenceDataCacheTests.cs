using IpPlatform.Kernel.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Tests;

public sealed class ReferenceDataCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();
    private readonly ReferenceDataCache _cache;
    private int _loads;

    public ReferenceDataCacheTests() =>
        _cache = new ReferenceDataCache(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), _clock);

    private Task<int> GetAsync() => _cache.GetAsync("k", (_, _) => Task.FromResult(Interlocked.Increment(ref _loads)));

    [Fact]
    public async Task Loads_once_for_many_concurrent_readers()
    {
        var values = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => GetAsync()));

        values.ShouldAllBe(v => v == 1);
        _loads.ShouldBe(1);
    }

    [Fact]
    public async Task Loads_again_after_an_invalidation()
    {
        await GetAsync();
        _cache.Invalidate("k");

        (await GetAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Loads_again_when_an_entry_is_older_than_the_maximum_age()
    {
        await GetAsync();
        _clock.Now += ReferenceDataCache.MaxAge + TimeSpan.FromSeconds(1);

        (await GetAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_failed_load_is_not_remembered()
    {
        await Should.ThrowAsync<InvalidOperationException>(() =>
            _cache.GetAsync<int>("k", (_, _) => throw new InvalidOperationException("database down")));

        (await GetAsync()).ShouldBe(1);
    }
}
