using System.Text.Json;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// Recipe step "module-recipes": runs the recipes every loaded module carries (or those of the modules listed), so a
/// module added to the solution is set up by the site recipe without editing it.
/// </summary>
public sealed class ModuleRecipesStep : IRecipeIncludeStep
{
    public string Name => "module-recipes";

    public IEnumerable<RecipeSource> Expand(JsonElement step, RecipeValidation validation)
    {
        IEnumerable<string>? only = null;
        foreach (var property in step.EnumerateObject())
        {
            if (property.Name == "modules" && property.Value.ValueKind == JsonValueKind.Array
                && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            {
                only = property.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
            else if (property.Name != "step")
            {
                validation.Error(property.Name, "不认识的属性；可选属性只有 modules（模块标识数组）");
            }
        }

        var modules = validation.Modules.Modules.AsEnumerable();
        if (only is not null)
        {
            foreach (var id in only.Where(id => validation.Modules.Find(id) is null))
            {
                validation.Error("modules", $"模块“{id}”不存在");
            }

            modules = modules.Where(m => only.Contains(m.Manifest.Id));
        }

        foreach (var module in modules.ToList())
        {
            foreach (var name in module.RecipeNames)
            {
                using var stream = module.OpenRecipe(name);
                yield return RecipeSource.FromStream($"{module.Manifest.Id}:{name}", stream, new RecipeFiles(module.HasRecipeFile, module.ReadRecipeFile));
            }
        }
    }

    public ValueTask ValidateAsync(JsonElement step, RecipeValidation validation, CancellationToken ct) => ValueTask.CompletedTask;

    public Task<int> ExecuteAsync(JsonElement step, RecipeExecution execution, CancellationToken ct) => Task.FromResult(0);
}
