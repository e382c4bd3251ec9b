using System.Text.Json.Nodes;
using IpPlatform.Kernel.Recipes;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Recipe step "workflows": definitions inline or as { "file": "review.workflow.json" } beside the recipe. A definition
/// the recipe changed becomes the next version (running instances keep theirs); an unchanged one is left alone.
/// </summary>
public sealed class WorkflowsRecipeStep(WorkflowStore store) : RecipeStep<WorkflowsRecipeStep.Model>
{
    public const string Kind = "workflow";

    public sealed record Model(IReadOnlyList<JsonObject> Workflows);

    public override string Name => "workflows";

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        for (var i = 0; i < model.Workflows.Count; i++)
        {
            var (definition, error) = Load(model.Workflows[i], v.CurrentSource);
            if (definition is null)
            {
                v.Error($"workflows[{i}]", error!);
                continue;
            }

            foreach (var (path, message) in WorkflowDefinitionValidator.Validate(definition))
            {
                v.Error($"workflows[{i}].{path}", message);
            }

            v.Declare(Kind, definition.Key, definition);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var entry in model.Workflows)
        {
            var (definition, _) = Load(entry, x.CurrentSource);
            if (await x.AppliedBeforeAsync(Name, definition!.Key, definition, ct) && await store.LatestAsync(definition.Key, ct) is not null)
            {
                continue;
            }

            var (_, created) = await store.SaveAsync(definition, "配方", ct);
            changes += created ? 1 : 0;
        }

        return changes;
    }

    private static (WorkflowDefinition? Definition, string? Error) Load(JsonObject entry, RecipeSource? source)
    {
        if (entry.Count == 1 && entry["file"] is JsonValue file)
        {
            var name = file.ToString();
            return source?.ReadFile?.Invoke(name) is { } text ? WorkflowStore.Read(text, name) : (null, $"找不到配方旁的文件“{name}”");
        }

        return WorkflowStore.Read(entry, "");
    }
}
