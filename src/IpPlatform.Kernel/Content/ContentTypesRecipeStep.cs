using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Recipe step "content-types": defines content types and their fields (upsert by name).</summary>
public sealed class ContentTypesRecipeStep(ContentTypes types) : RecipeStep<ContentTypesRecipeStep.Model>
{
    public const string Kind = "content-type";

    public sealed record Entry(string Name, string DisplayName, IReadOnlyList<ContentFieldDefinition> Fields);

    public sealed record Model(IReadOnlyList<Entry> Types);

    public override string Name => "content-types";

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        for (var i = 0; i < model.Types.Count; i++)
        {
            var t = model.Types[i];
            if (t is null || t.Fields is null || t.Fields.Any(f => f is null))
            {
                v.Error($"types[{i}]", "类型定义或其字段不能为空（null）");
                continue;
            }

            if (string.IsNullOrWhiteSpace(t.Name) || !t.Name.All(char.IsAsciiLetterOrDigit))
            {
                v.Error($"types[{i}].name", "类型名只能由字母和数字组成");
            }

            var names = new HashSet<string>();
            for (var f = 0; f < t.Fields.Count; f++)
            {
                if (!names.Add(t.Fields[f].Name))
                {
                    v.Error($"types[{i}].fields[{f}].name", $"字段“{t.Fields[f].Name}”重复");
                }
            }

            if (!names.Contains("title"))
            {
                v.Error($"types[{i}].fields", "每种内容都须有 title 字段");
            }

            v.Declare(Kind, t.Name, new ContentTypeDefinition { Name = t.Name, DisplayName = t.DisplayName, Fields = [.. t.Fields] });
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var t in model.Types)
        {
            var row = await x.Db.Set<ContentTypeDefinition>().FirstOrDefaultAsync(d => d.Name == t.Name, ct);
            var appliedBefore = await x.AppliedBeforeAsync(Name, t.Name, t, ct);
            if (row is null)
            {
                x.Db.Add(new ContentTypeDefinition { Name = t.Name, DisplayName = t.DisplayName, Fields = [.. t.Fields], UpdatedAt = x.Clock.GetUtcNow() });
                changes++;
            }
            else if (!appliedBefore && (row.DisplayName != t.DisplayName || !row.Fields.SequenceEqual(t.Fields)))
            {
                (row.DisplayName, row.Fields, row.UpdatedAt) = (t.DisplayName, [.. t.Fields], x.Clock.GetUtcNow());
                changes++;
            }
        }

        if (changes > 0)
        {
            x.AfterCommit(types.Invalidate);
        }

        return changes;
    }
}
