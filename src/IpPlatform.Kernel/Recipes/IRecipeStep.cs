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

/// <summary>
/// A step that works through the platform's use cases, each committing its own unit of work as a request does, rather
/// than inside the recipe's transaction: the runner commits the steps before it first and opens a new transaction for
/// the steps after it. What such a step has done stays done if a later step fails; it must be idempotent on its own.
/// </summary>
public interface IStandaloneRecipeStep : IRecipeStep
{
}
