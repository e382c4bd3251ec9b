using System.Text.Json;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Forms;

/// <summary>Form versions: the latest of a key, a pinned one, saving a changed definition as the next version.</summary>
public sealed class FormStore(DbContext db, Caching.VersionCache<FormVersion> cache, AuditLog audit, TimeProvider clock)
{
    public const string RecipeAuthor = "配方";

    public static readonly JsonSerializerOptions Json = new(Recipes.RecipeStep<FormDefinition>.Json) { WriteIndented = false };

    public Task<FormVersion?> LatestAsync(string key, CancellationToken ct = default) =>
        db.Set<FormVersion>().AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);

    public Task<FormVersion?> FindAsync(string key, int version, CancellationToken ct = default) =>
        cache.GetAsync(key, version, () => db.Set<FormVersion>().AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.Version == version, ct));

    /// <summary>"key@3" (as rounds pin it) to that version; "key" alone to the latest.</summary>
    public Task<FormVersion?> ResolveAsync(string reference, CancellationToken ct = default) =>
        Caching.VersionReference.Parse(reference) is (var key, { } version) ? FindAsync(key, version, ct) : LatestAsync(reference, ct);

    public async Task<IReadOnlyList<FormVersion>> HistoryAsync(string key, CancellationToken ct = default) =>
        await db.Set<FormVersion>().AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).ToListAsync(ct);

    /// <summary>Stores <paramref name="definition"/> as the next version unless it equals the latest; returns the current version.</summary>
    public async Task<(FormVersion Version, bool Created)> SaveAsync(FormDefinition definition, string? by, int? restoredFrom = null, CancellationToken ct = default)
    {
        var latest = await LatestAsync(definition.Key, ct);
        if (latest is not null && Same(latest.Definition, definition))
        {
            return (latest, false);
        }

        return (await AddVersionAsync(definition, latest, by, restoredFrom, ct), true);
    }

    private async Task<FormVersion> AddVersionAsync(FormDefinition definition, FormVersion? latest, string? by, int? restoredFrom, CancellationToken ct)
    {

        var version = new FormVersion
        {
            Id = Guid.CreateVersion7(), Key = definition.Key, Version = (latest?.Version ?? 0) + 1, Definition = definition,
            Title = definition.Title, CreatedAt = clock.GetUtcNow(), CreatedBy = by, RestoredFrom = restoredFrom,
        };
        db.Add(version);
        audit.Add("form.version-created", objectType: "form", objectId: version.Reference,
            details: new System.Text.Json.Nodes.JsonObject { ["before"] = latest?.Version, ["after"] = version.Version, ["restoredFrom"] = restoredFrom });
        await db.SaveChangesAsync(ct);
        return version;
    }

    public static bool Same(FormDefinition a, FormDefinition b) =>
        JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);
}
