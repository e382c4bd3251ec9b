using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Site;

/// <summary>The site's name and hosts (<see cref="SiteSettings"/>), in memory; the site recipe step drops the copy.</summary>
public sealed class SiteInfo(ReferenceDataCache cache)
{
    public const string CacheKey = "site";

    public Task<SiteSettings> GetAsync(CancellationToken ct = default) =>
        cache.GetAsync(CacheKey, async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(token) ?? SiteSettings.Unnamed, ct);
}
