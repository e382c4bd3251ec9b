using System.Text.Json.Nodes;
using IpPlatform.Kernel.Recipes;

namespace IpPlatform.Kernel.Forms;

/// <summary>Recipe step "forms": form definitions, inline or as { "file": "application.form.json" } beside the recipe.</summary>
public sealed class FormsRecipeStep(FormStore store) : DefinitionFilesStep<FormDefinition, FormsRecipeStep.Model>
{
    public sealed record Model(IReadOnlyList<JsonObject> Forms);

    public override string Name => "forms";

    protected override string Kind => "form";

    protected override IReadOnlyList<JsonObject> Entries(Model model) => model.Forms;

    protected override (FormDefinition? Definition, string? Error) Read(string text, string name) => FormDefinitionJson.Read(text, name);

    protected override (FormDefinition? Definition, string? Error) Read(JsonObject node, string name) => FormDefinitionJson.Read(node, name);

    protected override IEnumerable<(string Path, string Message)> Problems(FormDefinition definition) => FormDefinitionValidator.Validate(definition);

    protected override string KeyOf(FormDefinition definition) => definition.Key;

    protected override async Task<bool> ExistsAsync(string key, CancellationToken ct) => await store.LatestAsync(key, ct) is not null;

    protected override async Task<bool> SaveAsync(FormDefinition definition, CancellationToken ct) =>
        (await store.SaveAsync(definition, FormStore.RecipeAuthor, ct: ct)).Created;
}
