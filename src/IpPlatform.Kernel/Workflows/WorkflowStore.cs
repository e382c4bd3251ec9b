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

    /// <summary>"key@3" (as a round pins it) to that version; "key" alone to the latest.</summary>
    public Task<WorkflowVersion?> ResolveAsync(string reference, CancellationToken ct = default)
    {
        var at = reference.LastIndexOf('@');
        return at > 0 && int.TryParse(reference[(at + 1)..], out var version)
            ? FindAsync(reference[..at], version, ct)
            : LatestAsync(reference, ct);
    }

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

    public static (WorkflowDefinition? Definition, string? Error) Read(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject node ? Read(node, name) : (null, $"{name} 应是一个 JSON 对象");
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 不是合法的 JSON（第 {ex.LineNumber + 1} 行）");
        }
    }

    public static (WorkflowDefinition? Definition, string? Error) Read(JsonObject node, string name)
    {
        try
        {
            return (node.Deserialize<WorkflowDefinition>(Json), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 字段“{ex.Path?.TrimStart('$', '.')}”：不认识的属性、缺少必填属性或值的类型不正确");
        }
    }
}
