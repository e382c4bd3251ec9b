using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// The public pages (home, notices, programs) are output-cached for anonymous visitors; whoever publishes, unpublishes
/// or changes a program or round evicts them, so a change shows at once on this instance, and on the others when the
/// broadcast reaches them (<see cref="Lifetime"/> bounds it should a broadcast be lost). Entries are keyed by a
/// generation that every eviction moves on: a page rendered from the data before a change but stored just after the
/// eviction is stored under the old generation and never served.
/// </summary>
public sealed class PublicPageCache(IServiceProvider services) : ILocalEviction
{
    public const string Tag = "public-pages";

    public const string BroadcastTopic = "pages";

    string ILocalEviction.Topic => BroadcastTopic;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private long _generation;

    /// <summary>The part of every cached page's key that an eviction changes.</summary>
    public KeyValuePair<string, string> Generation => new("gen", Interlocked.Read(ref _generation).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Evicts every public page here and on every other instance.</summary>
    public async Task InvalidateAsync()
    {
        services.GetService<CacheBroadcast>()?.Send(BroadcastTopic);
        await EvictHereAsync();
    }

    /// <summary>For recipe steps: evict once the transaction has committed.</summary>
    public void Invalidate() => _ = InvalidateAsync();

    public void EvictLocally(string? key) => _ = EvictHereAsync();

    private async Task EvictHereAsync()
    {
        Interlocked.Increment(ref _generation);
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            await store.EvictByTagAsync(Tag, CancellationToken.None);
        }
    }
}
