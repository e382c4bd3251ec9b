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

    protected override IEnumerable<(string Path, string Message)> Problems(FormDefinition definition, RecipeValidation v)
    {
        foreach (var problem in FormDefinitionValidator.Validate(definition))
        {
            yield return problem;
        }

        // A quoted setting must be one of the module's (the form's key starts with the module id).
        var module = v.Modules.Modules.FirstOrDefault(m => definition.Key.StartsWith(m.Manifest.Id + ".", StringComparison.Ordinal));
        foreach (var name in FormSettingText.Quoted(definition))
        {
            if (module is null || module.Settings.Descriptors.All(d => d.Key != name))
            {
                yield return ("", $"表单引用的设置“{{setting:{name}}}”不是{(module is null ? "任何模块" : $"模块“{module.Manifest.Id}”")}的设置");
            }
        }
    }

    protected override string KeyOf(FormDefinition definition) => definition.Key;

    protected override async Task<bool> ExistsAsync(string key, CancellationToken ct) => await store.LatestAsync(key, ct) is not null;

    protected override async Task<bool> SaveAsync(FormDefinition definition, CancellationToken ct) =>
        (await store.SaveAsync(definition, FormStore.RecipeAuthor, ct: ct)).Created;
}
