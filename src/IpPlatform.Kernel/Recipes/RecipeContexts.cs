using IpPlatform.Kernel.Modules;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// What a step sees while it is validated. Keys declared by earlier steps of the same run (e.g. an authority code)
/// count as existing, so a recipe can create an authority and use it in a later step.
/// </summary>
public sealed class RecipeValidation(DbContext db, ModuleCatalog modules)
{
    private readonly HashSet<(string Kind, string Key)> _declared = [];
    private readonly List<RecipeError> _errors = [];

    public DbContext Db { get; } = db;

    public ModuleCatalog Modules { get; } = modules;

    internal string Source { get; set; } = "";

    internal int? StepIndex { get; set; }

    internal string? StepName { get; set; }

    public IReadOnlyList<RecipeError> Errors => _errors;

    public void Error(string field, string message) =>
        _errors.Add(new RecipeError(Source, StepIndex, StepName, field, message));

    public void Declare(string kind, string key) => _declared.Add((kind, key));

    public bool IsDeclared(string kind, string key) => _declared.Contains((kind, key));
}

/// <summary>What a step sees while it runs, inside the recipe's transaction.</summary>
public sealed class RecipeExecution(DbContext db, ModuleCatalog modules, TimeProvider clock)
{
    private readonly List<Action> _afterCommit = [];

    public DbContext Db { get; } = db;

    public ModuleCatalog Modules { get; } = modules;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Work to do once the transaction has committed, e.g. dropping a cache.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    internal IReadOnlyList<Action> AfterCommitActions => _afterCommit;
}
