using System.Text.Json;
using IpPlatform.Kernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Recipes;

/// <summary>What one step changed.</summary>
public sealed record RecipeStepResult(string Source, int Index, string Step, int Changes);

public sealed record RecipeResult(string Source, string Name, IReadOnlyList<RecipeStepResult> Steps)
{
    public int Changes => Steps.Sum(s => s.Changes);
}

/// <summary>
/// Runs a recipe: parses it, expands includes, validates every step (collecting every error), then executes all
/// steps in one transaction. Nothing is written when anything is invalid or any step fails — except by a
/// <see cref="IStandaloneRecipeStep"/>, before which the steps so far commit and after which a new transaction begins.
/// </summary>
public sealed class RecipeRunner(
    DbContext db,
    ModuleCatalog modules,
    IEnumerable<IRecipeStep> steps,
    TimeProvider clock,
    ILogger<RecipeRunner> logger)
{
    private const int MaxIncludeDepth = 4;

    private readonly Dictionary<string, IRecipeStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Checks a recipe (and the recipes it includes) without changing anything; empty when it is valid.</summary>
    public async Task<IReadOnlyList<RecipeError>> ValidateAsync(RecipeSource source, CancellationToken ct = default) =>
        (await PrepareAsync(source, ct)).Validation.Errors;

    public async Task<RecipeResult> RunAsync(RecipeSource source, CancellationToken ct = default)
    {
        var (plan, name, validation) = await PrepareAsync(source, ct);
        if (validation.Errors.Count > 0)
        {
            throw new RecipeValidationException(validation.Errors);
        }

        var execution = new RecipeExecution(db, modules, clock);
        var results = new List<RecipeStepResult>();
        var strategy = db.Database.CreateExecutionStrategy();
        // Consecutive ordinary steps run in one transaction; a standalone step runs between two, after the first committed.
        var segments = new List<List<PlannedStep>>();
        foreach (var step in plan)
        {
            if (step.Handler is IStandaloneRecipeStep || segments.Count == 0 || segments[^1][0].Handler is IStandaloneRecipeStep)
            {
                segments.Add([]);
            }

            segments[^1].Add(step);
        }

        if (segments.Count == 0 || segments[^1][0].Handler is IStandaloneRecipeStep)
        {
            segments.Add([]);   // the run's own record
        }

        foreach (var segment in segments)
        {
            var last = ReferenceEquals(segment, segments[^1]);
            if (segment is [{ Handler: IStandaloneRecipeStep standalone } only])
            {
                execution.CurrentSource = only.Recipe;
                var done = await standalone.ExecuteAsync(only.Body, execution, ct);
                db.ChangeTracker.Clear();
                results.Add(new RecipeStepResult(only.Source, only.Index, standalone.Name, done));
                continue;
            }

            var before = results.Count;
            await strategy.ExecuteAsync(async () =>
            {
                results.RemoveRange(before, results.Count - before);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var step in segment)
                {
                    execution.CurrentSource = step.Recipe;
                    var changes = await step.Handler.ExecuteAsync(step.Body, execution, ct);
                    await db.SaveChangesAsync(ct);
                    results.Add(new RecipeStepResult(step.Source, step.Index, step.Handler.Name, changes));
                }

                if (last)
                {
                    db.Set<RecipeRun>().Add(new RecipeRun
                    {
                        Source = source.Name,
                        RecipeName = name,
                        Sha256 = source.Sha256,
                        Changes = results.Sum(r => r.Changes),
                        RanAt = clock.GetUtcNow(),
                    });
                    await db.SaveChangesAsync(ct);
                }

                await transaction.CommitAsync(ct);
            });
            db.ChangeTracker.Clear();
            execution.Committed();
        }

        var result = new RecipeResult(source.Name, name, results);
        logger.LogInformation("Recipe {Recipe} ({Source}) ran {Steps} steps with {Changes} changes",
            name, source.Name, results.Count, result.Changes);
        return result;
    }

    private async Task<(List<PlannedStep> Plan, string Name, RecipeValidation Validation)> PrepareAsync(
        RecipeSource source, CancellationToken ct)
    {
        var validation = new RecipeValidation(db, modules);
        var plan = new List<PlannedStep>();
        var name = Expand(source, validation, plan, depth: 0) ?? source.Name;
        if (validation.Errors.Count == 0)
        {
            foreach (var step in plan)
            {
                (validation.Source, validation.StepIndex, validation.StepName) = (step.Source, step.Index, step.Handler.Name);
                validation.CurrentSource = step.Recipe;
                await step.Handler.ValidateAsync(step.Body, validation, ct);
            }
        }

        return (plan, name, validation);
    }

    /// <summary>Parses a recipe and appends its steps (with included recipes' steps in place) to the plan.</summary>
    private string? Expand(RecipeSource source, RecipeValidation validation, List<PlannedStep> plan, int depth)
    {
        validation.Source = source.Name;
        validation.StepIndex = null;
        validation.StepName = null;
        if (depth > MaxIncludeDepth)
        {
            validation.Error("", $"配方嵌套超过 {MaxIncludeDepth} 层");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            validation.Error("", $"不是合法的 JSON（第 {ex.LineNumber + 1} 行，第 {ex.BytePositionInLine + 1} 字节）");
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            validation.Error("", "配方必须是一个 JSON 对象");
            return null;
        }

        string? name = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" when property.Value.ValueKind == JsonValueKind.String:
                    name = property.Value.GetString();
                    break;
                case "displayName" or "description" when property.Value.ValueKind == JsonValueKind.String:
                case "steps":
                    break;
                default:
                    validation.Error(property.Name, "不认识的顶层属性，或其值类型不正确");
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            validation.Error("name", "缺少配方名称");
        }

        if (!root.TryGetProperty("steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array)
        {
            validation.Error("steps", "缺少步骤数组");
            return name;
        }

        var index = 0;
        foreach (var body in stepsElement.EnumerateArray())
        {
            (validation.Source, validation.StepIndex, validation.StepName) = (source.Name, index, null);
            if (body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("step", out var stepName)
                || stepName.ValueKind != JsonValueKind.String)
            {
                validation.Error("step", "每个步骤都必须是对象，并用 \"step\" 写明步骤类型");
            }
            else if (!_steps.TryGetValue(stepName.GetString()!, out var handler))
            {
                validation.StepName = stepName.GetString();
                validation.Error("step", $"未知的步骤类型，可用的有：{string.Join("、", _steps.Keys.Order(StringComparer.Ordinal))}");
            }
            else if (handler is IRecipeIncludeStep include)
            {
                validation.StepName = handler.Name;
                foreach (var included in include.Expand(body, validation).ToList())
                {
                    Expand(included, validation, plan, depth + 1);
                }
            }
            else
            {
                plan.Add(new PlannedStep(source, index, handler, body.Clone()));
            }

            index++;
        }

        return name;
    }

    private sealed record PlannedStep(RecipeSource Recipe, int Index, IRecipeStep Handler, JsonElement Body)
    {
        public string Source => Recipe.Name;
    }
}
