using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// The public pages (home, notices, programs) are output-cached for anonymous visitors; whoever publishes, unpublishes
/// or changes a program or round evicts them, so a change shows at once on this instance (and within the cache's
/// lifetime on others).
/// </summary>
public sealed class PublicPageCache(IServiceProvider services)
{
    public const string Tag = "public-pages";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task InvalidateAsync()
    {
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            await store.EvictByTagAsync(Tag, CancellationToken.None);
        }
    }

    /// <summary>For recipe steps: evict once the transaction has committed.</summary>
    public void Invalidate() => _ = InvalidateAsync();
}
