using IpPlatform.Kernel.Modules;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// What a step sees while it is validated. Keys declared by earlier steps of the same run (e.g. an authority code)
/// count as existing, so a recipe can create an authority and use it in a later step.
/// </summary>
public sealed class RecipeValidation(DbContext db, ModuleCatalog modules)
{
    private readonly Dictionary<(string Kind, string Key), object?> _declared = [];
    private readonly List<RecipeError> _errors = [];

    public DbContext Db { get; } = db;

    public ModuleCatalog Modules { get; } = modules;

    internal string Source { get; set; } = "";

    /// <summary>The recipe the step being validated belongs to (for files beside it).</summary>
    public RecipeSource? CurrentSource { get; internal set; }

    internal int? StepIndex { get; set; }

    internal string? StepName { get; set; }

    public IReadOnlyList<RecipeError> Errors => _errors;

    /// <summary>Each entry's problems (path relative to the entry) under "<paramref name="list"/>[i]".</summary>
    public void ErrorsOf<T>(string list, IReadOnlyList<T> entries, Func<T, IEnumerable<(string Path, string Message)>> problems)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var (path, message) in problems(entries[i]))
            {
                Error(path.Length == 0 ? $"{list}[{i}]" : $"{list}[{i}].{path}", message);
            }
        }
    }

    public void Error(string field, string message) =>
        _errors.Add(new RecipeError(Source, StepIndex, StepName, field, message));

    /// <summary>Records that an earlier step creates <paramref name="key"/>, optionally with what later steps need to know of it.</summary>
    public void Declare(string kind, string key, object? value = null) => _declared[(kind, key)] = value;

    public bool IsDeclared(string kind, string key) => _declared.ContainsKey((kind, key));

    public T? Declared<T>(string kind, string key) where T : class => _declared.GetValueOrDefault((kind, key)) as T;
}

/// <summary>What a step sees while it runs, inside the recipe's transaction.</summary>
public sealed class RecipeExecution(DbContext db, ModuleCatalog modules, TimeProvider clock)
{
    private readonly List<Action> _afterCommit = [];

    public DbContext Db { get; } = db;

    public ModuleCatalog Modules { get; } = modules;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The recipe the step being run belongs to (for files beside it).</summary>
    public RecipeSource? CurrentSource { get; internal set; }

    /// <summary>
    /// True when this recipe applied exactly this entry before: the step then leaves an existing row alone, so changes
    /// made since in the admin screens survive every start-up. Otherwise remembers the entry (in the same transaction)
    /// and returns false.
    /// </summary>
    public async Task<bool> AppliedBeforeAsync(string step, string key, object entry, CancellationToken ct)
    {
        var source = CurrentSource?.Name ?? "";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entry, entry.GetType(), RecipeStep<object>.Json)));
        var mark = await Db.Set<RecipeEntryMark>().FirstOrDefaultAsync(m => m.Source == source && m.Step == step && m.Key == key, ct);
        if (mark?.Sha256 == hash)
        {
            return true;
        }

        if (mark is null)
        {
            Db.Add(new RecipeEntryMark { Source = source, Step = step, Key = key, Sha256 = hash, AppliedAt = Clock.GetUtcNow() });
        }
        else
        {
            (mark.Sha256, mark.AppliedAt) = (hash, Clock.GetUtcNow());
        }

        return false;
    }

    /// <summary>Work to do once the transaction has committed, e.g. dropping a cache.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Runs (once) the work staged for after the commit that has just happened.</summary>
    internal void Committed()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }
}
