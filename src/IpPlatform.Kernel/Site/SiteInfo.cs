using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Site;

/// <summary>The site's name and hosts (<see cref="SiteSettings"/>), in memory; the site recipe step drops the copy.</summary>
public sealed class SiteInfo(ReferenceDataCache cache)
{
    public const string CacheKey = "site";

    /// <summary>The settings last read, for the one page that must not wait on the database (service unavailable).</summary>
    public SiteSettings LastRead { get; private set; } = SiteSettings.Unnamed;

    public async Task<SiteSettings> GetAsync(CancellationToken ct = default) =>
        LastRead = await cache.GetAsync(CacheKey, async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(token) ?? SiteSettings.Unnamed, ct);
}
