using System.Text.RegularExpressions;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// Recipe step "rubrics": scoring rubrics by key (e.g. high-value-patent.expert). A rubric the recipe has not changed since
/// it last applied it keeps an editor's change.
/// </summary>
public sealed partial class RubricsRecipeStep(TimeProvider clock) : RecipeStep<RubricsRecipeStep.Model>
{
    public sealed record Model(IReadOnlyList<Rubric> Rubrics);

    public override string Name => "rubrics";

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex RubricKey();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex ItemKey();

    public const int MaxItems = 50;

    public static IEnumerable<(string Path, string Message)> Problems(Rubric rubric)
    {
        if (!RubricKey().IsMatch(rubric.Key ?? ""))
        {
            yield return ("key", "评分标准标识只能由小写字母、数字、点和连字符组成");
        }

        if (string.IsNullOrWhiteSpace(rubric.Title) || rubric.Title.Length > 200 || rubric.Items.Count is 0 or > MaxItems)
        {
            yield return ("", $"评分标准须有名称（不超过200字）和 1–{MaxItems} 个评分项");
        }

        var keys = new HashSet<string>();
        for (var i = 0; i < rubric.Items.Count; i++)
        {
            var item = rubric.Items[i];
            if (!ItemKey().IsMatch(item.Key ?? "") || !keys.Add(item.Key!))
            {
                yield return ($"items[{i}].key", $"评分项标识“{item.Key}”须为字母开头的字母数字组合，且不重复");
            }

            if (string.IsNullOrWhiteSpace(item.Label) || item.Label.Length > 200 || item.Max is <= 0 or > 1000 || decimal.Round(item.Max, 1) != item.Max)
            {
                yield return ($"items[{i}]", "评分项须有名称（不超过200字），分值在 0.1–1000 之间、最多一位小数");
            }
        }
    }

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        v.ErrorsOf("rubrics", model.Rubrics, Problems);
        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var rubric in model.Rubrics)
        {
            var stored = await x.Db.Set<RubricRecord>().FirstOrDefaultAsync(r => r.Key == rubric.Key, ct);
            if (await x.AppliedBeforeAsync(Name, rubric.Key, rubric, ct) && stored is not null)
            {
                continue;
            }

            if (stored is null)
            {
                x.Db.Add(new RubricRecord { Key = rubric.Key, Definition = rubric, UpdatedAt = clock.GetUtcNow() });
            }
            else
            {
                (stored.Definition, stored.UpdatedAt) = (rubric, clock.GetUtcNow());
            }

            changes++;
        }

        await x.Db.SaveChangesAsync(ct);
        return changes;
    }
}
