using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Authorities;

/// <summary>Authority names by code, in memory (the table changes only by recipe, which drops this cache).</summary>
public sealed class AuthorityNames(ReferenceDataCache cache)
{
    public Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyDictionary<string, string>>(Authority.NamesCacheKey, async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<Authority>().AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, token), ct);
}
