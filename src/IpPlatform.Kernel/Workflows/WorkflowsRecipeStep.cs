using System.Text.Json.Nodes;
using IpPlatform.Kernel.Recipes;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Recipe step "workflows": review chains, inline or as { "file": "review.workflow.json" } beside the recipe; a changed
/// definition becomes the next version, and running instances keep theirs.
/// </summary>
public sealed class WorkflowsRecipeStep(WorkflowStore store, IEnumerable<IWorkflowEffectKinds> effectKinds) : DefinitionFilesStep<WorkflowDefinition, WorkflowsRecipeStep.Model>
{
    public sealed record Model(IReadOnlyList<JsonObject> Workflows);

    public override string Name => "workflows";

    protected override string Kind => "workflow";

    protected override IReadOnlyList<JsonObject> Entries(Model model) => model.Workflows;

    protected override (WorkflowDefinition? Definition, string? Error) Read(string text, string name) => WorkflowStore.Read(text, name);

    protected override (WorkflowDefinition? Definition, string? Error) Read(JsonObject node, string name) => WorkflowStore.Read(node, name);

    protected override IEnumerable<(string Path, string Message)> Problems(WorkflowDefinition definition, Recipes.RecipeValidation v) => WorkflowDefinitionValidator.Validate(definition, effectKinds);

    protected override string KeyOf(WorkflowDefinition definition) => definition.Key;

    protected override async Task<bool> ExistsAsync(string key, CancellationToken ct) => await store.LatestAsync(key, ct) is not null;

    protected override async Task<bool> SaveAsync(WorkflowDefinition definition, CancellationToken ct) => (await store.SaveAsync(definition, "配方", ct)).Created;
}
