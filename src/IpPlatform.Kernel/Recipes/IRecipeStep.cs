using System.Text.Json;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// A kind of recipe step, e.g. "authorities". Steps are validated all together before any runs, then executed in
/// order in one transaction. Execute must be idempotent and return the number of rows it really changed.
/// </summary>
public interface IRecipeStep
{
    /// <summary>The value of the step's "step" property.</summary>
    string Name { get; }

    ValueTask ValidateAsync(JsonElement step, RecipeValidation validation, CancellationToken ct);

    Task<int> ExecuteAsync(JsonElement step, RecipeExecution execution, CancellationToken ct);
}

/// <summary>A step that stands for other recipes, expanded into their steps before validation.</summary>
public interface IRecipeIncludeStep : IRecipeStep
{
    IEnumerable<RecipeSource> Expand(JsonElement step, RecipeValidation validation);
}
