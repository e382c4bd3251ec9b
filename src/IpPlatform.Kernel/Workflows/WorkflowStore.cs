using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Workflows;

public sealed class WorkflowStore(DbContext db, Caching.VersionCache<WorkflowVersion> cache, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(Recipes.RecipeStep<WorkflowDefinition>.Json) { WriteIndented = false };

    public Task<WorkflowVersion?> LatestAsync(string key, CancellationToken ct = default) =>
        db.Set<WorkflowVersion>().AsNoTracking().Where(w => w.Key == key).OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct);

    public Task<WorkflowVersion?> FindAsync(string key, int version, CancellationToken ct = default) =>
        cache.GetAsync(key, version, () => db.Set<WorkflowVersion>().AsNoTracking().FirstOrDefaultAsync(w => w.Key == key && w.Version == version, ct));

    /// <summary>Every stored definition version (a small table; the versions themselves come from the cache).</summary>
    public async Task<IReadOnlyList<WorkflowVersion>> AllVersionsAsync(CancellationToken ct = default)
    {
        var result = new List<WorkflowVersion>();
        foreach (var version in await db.Set<WorkflowVersion>().AsNoTracking().Select(v => new { v.Key, v.Version }).ToListAsync(ct))
        {
            result.Add((await FindAsync(version.Key, version.Version, ct))!);
        }

        return result;
    }

    /// <summary>State labels across definitions, as the review queue shows them (a key keeps the first label found; the chains agree on shared keys).</summary>
    public static Dictionary<string, string> StateLabels(IReadOnlyList<WorkflowVersion> definitions)
    {
        var labels = new Dictionary<string, string>();
        foreach (var state in definitions.SelectMany(d => d.Definition.States))
        {
            labels.TryAdd(state.Key, state.Label);
        }

        return labels;
    }

    /// <summary>"key@3" (as a round pins it) to that version; "key" alone to the latest.</summary>
    public Task<WorkflowVersion?> ResolveAsync(string reference, CancellationToken ct = default) =>
        Caching.VersionReference.Parse(reference) is (var key, { } version) ? FindAsync(key, version, ct) : LatestAsync(reference, ct);

    /// <summary>Stores <paramref name="definition"/> as the next version unless it equals the latest.</summary>
    public async Task<(WorkflowVersion Version, bool Created)> SaveAsync(WorkflowDefinition definition, string? by, CancellationToken ct = default)
    {
        var latest = await LatestAsync(definition.Key, ct);
        if (latest is not null && Same(latest.Definition, definition))
        {
            return (latest, false);
        }

        var version = new WorkflowVersion
        {
            Id = Guid.CreateVersion7(), Key = definition.Key, Version = (latest?.Version ?? 0) + 1, Definition = definition,
            CreatedAt = clock.GetUtcNow(), CreatedBy = by,
        };
        db.Add(version);
        await db.SaveChangesAsync(ct);
        return (version, true);
    }

    public static bool Same(WorkflowDefinition a, WorkflowDefinition b) =>
        JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    public static (WorkflowDefinition? Definition, string? Error) Read(string text, string name) =>
        Recipes.DefinitionJson.Read<WorkflowDefinition>(text, name, Json);

    public static (WorkflowDefinition? Definition, string? Error) Read(JsonObject node, string name) =>
        Recipes.DefinitionJson.Read<WorkflowDefinition>(node, name, Json);
}
