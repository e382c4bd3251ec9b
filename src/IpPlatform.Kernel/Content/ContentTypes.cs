using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Content;

/// <summary>The content type definitions, in memory until one changes.</summary>
public sealed class ContentTypes(ReferenceDataCache cache)
{
    private const string Key = "content-types";

    public async Task<ContentTypeDefinition?> FindAsync(string name, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(t => t.Name == name);

    public Task<IReadOnlyList<ContentTypeDefinition>> AllAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyList<ContentTypeDefinition>>(Key, async (services, token) =>
            await services.GetRequiredService<DbContext>().Set<ContentTypeDefinition>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(token), ct);

    public void Invalidate() => cache.Invalidate(Key);
}
