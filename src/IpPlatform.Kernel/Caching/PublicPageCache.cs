using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// The public pages (home, notices, programs) are output-cached for anonymous visitors; whoever publishes, unpublishes
/// or changes a program or round evicts them, so a change shows at once on this instance (and within the cache's
/// lifetime on others). Entries are keyed by a generation that every eviction moves on: a page rendered from the data
/// before a change but stored just after the eviction is stored under the old generation and never served.
/// </summary>
public sealed class PublicPageCache(IServiceProvider services)
{
    public const string Tag = "public-pages";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private long _generation;

    /// <summary>The part of every cached page's key that an eviction changes.</summary>
    public KeyValuePair<string, string> Generation => new("gen", Interlocked.Read(ref _generation).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task InvalidateAsync()
    {
        Interlocked.Increment(ref _generation);
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            await store.EvictByTagAsync(Tag, CancellationToken.None);
        }
    }

    /// <summary>For recipe steps: evict once the transaction has committed.</summary>
    public void Invalidate() => _ = InvalidateAsync();
}
