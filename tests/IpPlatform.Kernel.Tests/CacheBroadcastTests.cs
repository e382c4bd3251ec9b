using IpPlatform.Kernel.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpPlatform.Kernel.Tests;

/// <summary>How an instance reads the eviction notifications of the others (the sending is tested with PostgreSQL in Web.Tests).</summary>
public sealed class CacheBroadcastTests
{
    private static CacheBroadcast NewInstance() =>
        new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<CacheBroadcast>.Instance);

    private readonly CacheBroadcast _here = NewInstance();

    [Fact]
    public void Another_instance_s_eviction_names_its_topic_and_key_colons_included()
    {
        var other = NewInstance().InstanceId;

        _here.Parse($"{other:N}:ref:authority-names:places").ShouldBe(("ref", "authority-names:places"));
        _here.Parse($"{other:N}:pages").ShouldBe(("pages", (string?)null));
    }

    [Fact]
    public void An_instance_ignores_its_own_notifications_and_anything_not_one()
    {
        _here.Parse($"{_here.InstanceId:N}:pages").ShouldBeNull();
        _here.Parse("pages").ShouldBeNull();
        _here.Parse("not-a-guid:pages").ShouldBeNull();
        _here.Parse($"{Guid.NewGuid():N}:").ShouldBeNull();
    }

    [Fact]
    public async Task A_key_evicted_locally_is_dropped_and_the_whole_cache_when_no_key_is_named()
    {
        var cache = new ReferenceDataCache(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var loads = 0;
        Task<int> Get(string key) => cache.GetAsync(key, (_, _) => Task.FromResult(Interlocked.Increment(ref loads)));
        await Get("a");
        await Get("b");

        cache.EvictLocally("a");
        (await Get("a")).ShouldBe(3);
        (await Get("b")).ShouldBe(2);

        cache.EvictLocally(null);
        (await Get("b")).ShouldBe(4);
    }
}
