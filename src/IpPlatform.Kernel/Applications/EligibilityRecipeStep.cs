using System.Text.Json;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>Recipe step "eligibility": a module's eligibility rules (replacing the previous ones).</summary>
public sealed class EligibilityRecipeStep : RecipeStep<EligibilityRecipeStep.Model>
{
    public sealed record Model(string Module, IReadOnlyList<EligibilityRule> Rules);

    public override string Name => "eligibility";

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        if (v.Modules.Find(model.Module) is not { } module)
        {
            v.Error("module", $"模块“{model.Module}”不存在");
            return ValueTask.CompletedTask;
        }

        for (var i = 0; i < model.Rules.Count; i++)
        {
            var rule = model.Rules[i];
            if (!Eligibility.Kinds.Contains(rule.Kind))
            {
                v.Error($"rules[{i}].kind", $"规则类型只能是：{string.Join("、", Eligibility.Kinds)}");
            }

            if (rule.Setting is { } setting && module.Settings.Descriptors.All(d => d.Key != setting))
            {
                v.Error($"rules[{i}].setting", $"模块设置中没有“{setting}”");
            }

            if (Eligibility.OnAnswers(rule.Kind) && (rule.Field is null || rule.Field.Split('|', '+').Any(f => f.Trim().Split('.').Length is not (2 or 3))))
            {
                v.Error($"rules[{i}].field", $"{rule.Kind} 规则须写明字段（部分.字段，或表格合计：部分.表格.列）");
            }

            if (rule.Flag && rule.Kind != "answerMin")
            {
                v.Error($"rules[{i}].flag", "只有 answerMin 规则可以设为提示审核（flag）");
            }

            if (rule.Kind == "noSanctionsWithin" && rule.Setting is null && rule.Value is null)
            {
                v.Error($"rules[{i}].setting", "noSanctionsWithin 规则须写明年限（setting 或 value）");
            }

            if (string.IsNullOrWhiteSpace(rule.Message))
            {
                v.Error($"rules[{i}].message", "须写明不符合时给申报单位看的说明");
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var row = await x.Db.Set<ModuleEligibility>().FirstOrDefaultAsync(e => e.ModuleId == model.Module, ct);
        if (row is null)
        {
            x.Db.Add(new ModuleEligibility { ModuleId = model.Module, Rules = [.. model.Rules] });
            return 1;
        }

        // Records compare their lists by reference, so rules are compared as JSON.
        if (JsonSerializer.Serialize(row.Rules, Json) == JsonSerializer.Serialize(model.Rules, Json))
        {
            return 0;
        }

        row.Rules = [.. model.Rules];
        return 1;
    }
}
