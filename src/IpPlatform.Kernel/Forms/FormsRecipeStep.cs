using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Recipes;

namespace IpPlatform.Kernel.Forms;

/// <summary>
/// Recipe step "forms": form definitions, inline or as { "file": "application.form.json" } beside the recipe. A definition
/// the recipe changed becomes the next version; one it did not change leaves the form alone, editors' versions included.
/// </summary>
public sealed class FormsRecipeStep(FormStore store) : RecipeStep<FormsRecipeStep.Model>
{
    public const string Kind = "form";

    public sealed record Model(IReadOnlyList<JsonObject> Forms);

    public override string Name => "forms";

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        for (var i = 0; i < model.Forms.Count; i++)
        {
            var (definition, error) = Load(model.Forms[i], v.CurrentSource);
            if (definition is null)
            {
                v.Error($"forms[{i}]", error!);
                continue;
            }

            foreach (var (path, message) in FormDefinitionValidator.Validate(definition))
            {
                v.Error($"forms[{i}].{path}", message);
            }

            v.Declare(Kind, definition.Key, definition);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var entry in model.Forms)
        {
            var (definition, _) = Load(entry, x.CurrentSource);
            if (await x.AppliedBeforeAsync(Name, definition!.Key, definition, ct) && await store.LatestAsync(definition.Key, ct) is not null)
            {
                continue;
            }

            var (_, created) = await store.SaveAsync(definition, FormStore.RecipeAuthor, ct: ct);
            changes += created ? 1 : 0;
        }

        return changes;
    }

    private static (FormDefinition? Definition, string? Error) Load(JsonObject entry, RecipeSource? source)
    {
        if (entry.Count == 1 && entry["file"] is JsonValue file)
        {
            var name = file.ToString();
            return source?.ReadFile?.Invoke(name) is { } text ? FormDefinitionJson.Read(text, name) : (null, $"找不到配方旁的文件“{name}”");
        }

        return FormDefinitionJson.Read(entry, "");
    }
}
