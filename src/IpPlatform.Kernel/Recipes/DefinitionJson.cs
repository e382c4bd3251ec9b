using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Recipes;

/// <summary>A definition (form, workflow) read from the JSON an editor or a recipe file holds, with errors in Chinese.</summary>
public static class DefinitionJson
{
    public static (T? Definition, string? Error) Read<T>(string text, string name, JsonSerializerOptions options) where T : class
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject node ? Read<T>(node, name, options) : (null, $"{name} 应是一个 JSON 对象");
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 不是合法的 JSON（第 {ex.LineNumber + 1} 行）");
        }
    }

    public static (T? Definition, string? Error) Read<T>(JsonObject node, string name, JsonSerializerOptions options) where T : class
    {
        try
        {
            return (node.Deserialize<T>(options), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 字段“{ex.Path?.TrimStart('$', '.')}”：不认识的属性或值的类型不正确（或缺少必填属性）");
        }
    }
}

/// <summary>
/// A recipe step of versioned definitions, inline or as { "file": "x.json" } beside the recipe: every entry is read and
/// checked before anything runs (and declared for later steps); a definition the recipe changed since it last applied
/// it becomes the next version, one it did not change is left alone (editors' versions included).
/// </summary>
public abstract class DefinitionFilesStep<TDefinition, TModel> : RecipeStep<TModel> where TDefinition : class where TModel : class
{
    /// <summary>What <see cref="RecipeValidation.Declare"/> records the definitions as (e.g. "form").</summary>
    protected abstract string Kind { get; }

    protected abstract IReadOnlyList<JsonObject> Entries(TModel model);

    protected abstract (TDefinition? Definition, string? Error) Read(string text, string name);

    protected abstract (TDefinition? Definition, string? Error) Read(JsonObject node, string name);

    protected abstract IEnumerable<(string Path, string Message)> Problems(TDefinition definition, RecipeValidation v);

    protected abstract string KeyOf(TDefinition definition);

    protected abstract Task<bool> ExistsAsync(string key, CancellationToken ct);

    /// <summary>Stores the definition as the next version unless it equals the latest; true when a version was created.</summary>
    protected abstract Task<bool> SaveAsync(TDefinition definition, CancellationToken ct);

    protected override ValueTask ValidateAsync(TModel model, RecipeValidation v, CancellationToken ct)
    {
        var entries = Entries(model);
        for (var i = 0; i < entries.Count; i++)
        {
            var (definition, error) = Load(entries[i], v.CurrentSource);
            if (definition is null)
            {
                v.Error($"{Name}[{i}]", error!);
                continue;
            }

            foreach (var (path, message) in Problems(definition, v))
            {
                v.Error($"{Name}[{i}].{path}", message);
            }

            v.Declare(Kind, KeyOf(definition), definition);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(TModel model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var entry in Entries(model))
        {
            var definition = Load(entry, x.CurrentSource).Definition!;
            var key = KeyOf(definition);
            if (await x.AppliedBeforeAsync(Name, key, definition, ct) && await ExistsAsync(key, ct))
            {
                continue;
            }

            changes += await SaveAsync(definition, ct) ? 1 : 0;
        }

        return changes;
    }

    private (TDefinition? Definition, string? Error) Load(JsonObject entry, RecipeSource? source)
    {
        if (entry.Count == 1 && entry["file"] is JsonValue file)
        {
            var name = file.ToString();
            return source?.ReadText(name) is { } text ? Read(text, name) : (null, $"找不到配方旁的文件“{name}”");
        }

        return Read(entry, "");
    }
}
