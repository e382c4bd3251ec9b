using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Awards;

/// <summary>The modules' award declarations, held in memory (a small table changed only by recipes).</summary>
public sealed class AwardDeclarations(ReferenceDataCache cache)
{
    public const string CacheKey = "award-declarations";

    public async Task<AwardDeclaration?> FindAsync(string moduleId, CancellationToken ct = default) =>
        (await AllAsync(ct)).GetValueOrDefault(moduleId);

    public Task<IReadOnlyDictionary<string, AwardDeclaration>> AllAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyDictionary<string, AwardDeclaration>>(CacheKey, async (services, token) =>
            (await services.GetRequiredService<DbContext>().Set<ModuleAwards>().AsNoTracking().ToListAsync(token))
                .ToDictionary(m => m.ModuleId, m => m.Declaration), ct);
}
