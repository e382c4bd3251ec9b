namespace IpPlatform.Kernel.Recipes;

/// <summary>One problem in a recipe, located by file, step and field.</summary>
public sealed record RecipeError(string Source, int? StepIndex, string? StepName, string Field, string Message)
{
    public override string ToString()
    {
        var where = StepIndex is { } i ? $"第{i + 1}步（{StepName ?? "?"}）" : "";
        var field = string.IsNullOrEmpty(Field) ? "" : $"字段“{Field}”";
        var location = string.Join(" ", new[] { Source, where, field }.Where(s => s.Length > 0));
        return $"{location}：{Message}";
    }
}

/// <summary>Thrown before anything runs when any step of a recipe (or of a recipe it includes) is invalid.</summary>
public sealed class RecipeValidationException(IReadOnlyList<RecipeError> errors)
    : Exception("配方校验失败：" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
