using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// The agency of each authority by code (e.g. 210100 → 沈阳市知识产权局), and the place it governs (210100 → 沈阳市), in
/// memory; the authorities recipe drops these caches.
/// </summary>
public sealed class AuthorityNames(ReferenceDataCache cache)
{
    public Task<IReadOnlyDictionary<string, string>> PlacesAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyDictionary<string, string>>(Authority.NamesCacheKey + ":places", async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<Authority>().AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, token), ct);

    /// <summary>The code of the authority the authorities recipe puts at the top (the province), or null before it ran.</summary>
    public Task<string?> ProvinceAsync(CancellationToken ct = default) =>
        cache.GetAsync<string?>(Authority.NamesCacheKey + ":province", async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<Authority>().AsNoTracking()
                .Where(a => a.Level == AuthorityLevel.Province).Select(a => a.Code).SingleOrDefaultAsync(token), ct);

    public Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyDictionary<string, string>>(Authority.NamesCacheKey, async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<Authority>().AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Agency, token), ct);
}
