using System.Text.Json;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Recipe step "awards": what a module's programs grant and what their awardees owe (docs/awards-format.md), replacing
/// the module's previous declaration. Forms and review chains are named by key and must be the module's own.
/// </summary>
public sealed class AwardsRecipeStep(ReferenceDataCache cache) : RecipeStep<AwardsRecipeStep.Model>
{
    public sealed record Model(string Module, AwardDeclaration Award);

    public override string Name => "awards";

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        if (v.Modules.Find(model.Module) is not { } module)
        {
            v.Error("module", $"模块“{model.Module}”不存在");
            return;
        }

        foreach (var (path, message) in Problems(model.Award, module))
        {
            v.Error(path.Length == 0 ? "award" : $"award.{path}", message);
        }

        // An obligation whose form or chain does not exist could never be opened: the award would silently owe nothing.
        var prefix = module.Manifest.Id + ".";
        for (var i = 0; i < model.Award.ObligationList.Count; i++)
        {
            var o = model.Award.ObligationList[i];
            if (!o.Form.StartsWith(prefix, StringComparison.Ordinal) || !o.Workflow.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;   // reported above
            }

            if (!v.IsDeclared("form", o.Form) && !await v.Db.Set<Forms.FormVersion>().AnyAsync(f => f.Key == o.Form, ct))
            {
                v.Error($"award.obligations[{i}].form", $"表单“{o.Form}”不存在（须在本配方或此前的配方中定义）");
            }

            if (!v.IsDeclared("workflow", o.Workflow) && !await v.Db.Set<Workflows.WorkflowVersion>().AnyAsync(w => w.Key == o.Workflow, ct))
            {
                v.Error($"award.obligations[{i}].workflow", $"审核流程“{o.Workflow}”不存在（须在本配方或此前的配方中定义）");
            }
        }
    }

    public static IEnumerable<(string Path, string Message)> Problems(AwardDeclaration award, ProgramModule module)
    {
        var prefix = module.Manifest.Id + ".";
        if (string.IsNullOrWhiteSpace(award.Title))
        {
            yield return ("title", "须写明授予的称号或资格");
        }

        if (!AwardPeriod.Kinds.Contains(award.Period.Kind))
        {
            yield return ("period.kind", $"期间类型只能是：{string.Join("、", AwardPeriod.Kinds)}");
        }

        if (string.IsNullOrWhiteSpace(award.Period.Label))
        {
            yield return ("period.label", "须写明期间的名称（如建设期）");
        }

        if ((award.Period.Years is null) == (award.Period.Months is null))
        {
            yield return ("period", "期间须且只能用 years 或 months 之一给出长度");
        }

        foreach (var (path, expression) in new[] { ("period.years", award.Period.Years), ("period.months", award.Period.Months) })
        {
            if (ValueExpression.Problem(expression, module) is { } problem)
            {
                yield return (path, problem);
            }
        }

        if (AwardStatusNames.Parse(award.InitialStatus) is not (AwardStatus.Construction or AwardStatus.Operating or AwardStatus.Cultivating or AwardStatus.Implementing))
        {
            yield return ("initialStatus", "授予时的状态只能是 construction（建设中）、operating（运行中）、cultivating（培育中）或 implementing（实施中）");
        }

        if (award.AtPeriodEnd is not (AwardDeclaration.Keep or AwardDeclaration.Expire))
        {
            yield return ("atPeriodEnd", "期满处理只能是 keep（待考核决定）或 expire（期满即到期）");
        }

        if ((award.FundsInput is not null || award.MaxFunds is not null) && !award.Funded)
        {
            yield return ("funded", "写明 fundsInput 或 maxFunds 的项目须 funded: true");
        }

        if (ValueExpression.Problem(award.MaxFunds, module, decimalAllowed: true) is { } maxFunds)
        {
            yield return ("maxFunds", maxFunds);
        }

        if (award.JointApplicant is { } joint && joint.Split('.').Length != 2)
        {
            yield return ("jointApplicant", "联合申报单位须写成“部分.字段”");
        }

        if (award.Directory is { } directory)
        {
            if (string.IsNullOrWhiteSpace(directory.Title) || directory.Columns.Count == 0)
            {
                yield return ("directory", "名录须有标题和至少一列");
            }

            for (var i = 0; i < directory.Columns.Count; i++)
            {
                var column = directory.Columns[i];
                if ((column.Answer is null) == (column.Value is null) || (column.Value is { } value && !DirectoryColumn.Values.Contains(value))
                    || (column.Answer is { } answer && answer.Split('.').Length != 2))
                {
                    yield return ($"directory.columns[{i}]", $"每列须且只能有 answer（部分.字段）或 value（{string.Join("、", DirectoryColumn.Values)}）之一");
                }
            }
        }

        foreach (var (list, endings) in new[] { ("revocations", award.RevocationList), ("terminations", award.TerminationList) })
        {
            for (var i = 0; i < endings.Count; i++)
            {
                var ending = endings[i];
                if (string.IsNullOrWhiteSpace(ending.Key) || string.IsNullOrWhiteSpace(ending.Label))
                {
                    yield return ($"{list}[{i}]", "须有 key 和 label");
                }

                if (ending.Publish is { } publish && !AwardEnding.Publications.Contains(publish))
                {
                    yield return ($"{list}[{i}].publish", "公开方式只能是“公告”或“通报”");
                }

                if (ValueExpression.Problem(ending.BanYears, module) is { } problem)
                {
                    yield return ($"{list}[{i}].banYears", problem);
                }
            }
        }

        var keys = new HashSet<string>();
        for (var i = 0; i < award.ObligationList.Count; i++)
        {
            var o = award.ObligationList[i];
            var at = $"obligations[{i}]";
            if (!keys.Add(o.Key) || !System.Text.RegularExpressions.Regex.IsMatch(o.Key, "^[a-z][a-z0-9-]{0,63}$"))
            {
                yield return ($"{at}.key", "义务的 key 须唯一，由小写字母、数字和连字符组成");
            }

            if (string.IsNullOrWhiteSpace(o.Title))
            {
                yield return ($"{at}.title", "须写明义务的名称");
            }

            if (!o.Form.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return ($"{at}.form", $"表单须是本模块的（以“{prefix}”开头）");
            }

            if (!o.Workflow.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return ($"{at}.workflow", $"审核流程须是本模块的（以“{prefix}”开头）");
            }

            if (o.Filer is not (ObligationDeclaration.Applicant or ObligationDeclaration.City))
            {
                yield return ($"{at}.filer", "报送方只能是 applicant（获批单位）或 city（所在市）");
            }

            if (ValueExpression.Problem(o.PassMark, module) is { } passMark)
            {
                yield return ($"{at}.passMark", passMark);
            }

            var due = o.Due;
            if (!ObligationDue.Kinds.Contains(due.Kind))
            {
                yield return ($"{at}.due.kind", $"到期方式只能是：{string.Join("、", ObligationDue.Kinds)}");
            }

            if (due.Kind is ObligationDue.AfterAward or ObligationDue.OnEffect or ObligationDue.RoundMilestone && due.Months is null)
            {
                yield return ($"{at}.due.months", due.Kind == ObligationDue.RoundMilestone ? "须写明批次没有该日期时自授予起的月数" : "须写明月数");
            }

            if ((due.Kind == ObligationDue.RoundMilestone) != (due.Milestone is not null))
            {
                yield return ($"{at}.due.milestone", "roundMilestone 须（且只有它可以）写明批次日期的名称（如“阶段核查”）");
            }

            if (due.OpensAtStart && due.Kind is not (ObligationDue.AfterAward or ObligationDue.RoundMilestone))
            {
                yield return ($"{at}.due.opensAtStart", "只有 afterAward 和 roundMilestone 可以自授予之日起开放");
            }

            if (due.ThroughEnd && due.Kind != ObligationDue.EveryAwardYear)
            {
                yield return ($"{at}.due.throughEnd", "throughEnd 只用于 everyAwardYear");
            }

            if (due.YearOffset is < -1 or > 0 || (due.YearOffset != 0 && due.Kind != ObligationDue.Yearly))
            {
                yield return ($"{at}.due.yearOffset", "yearOffset 只用于 yearly，取 0（当年）或 -1（上一年度）");
            }

            if (due.WorkingDays is not null && due.Kind != ObligationDue.OnRequest)
            {
                yield return ($"{at}.due.workingDays", "工作日数只用于 onRequest");
            }

            if (o.Filer == ObligationDeclaration.City && due.Kind == ObligationDue.OnRequest)
            {
                yield return ($"{at}.filer", "由所在市报送的义务不能由获批单位发起（onRequest）");
            }

            if (due.Kind == ObligationDue.Yearly && due.Month is null)
            {
                yield return ($"{at}.due.month", "须写明每年截止的月份");
            }

            foreach (var (path, expression) in new[] { ("due.months", due.Months), ("due.month", due.Month), ("due.workingDays", due.WorkingDays) })
            {
                if (ValueExpression.Problem(expression, module) is { } problem)
                {
                    yield return ($"{at}.{path}", problem);
                }
            }

            if (due.OpensMonthsBefore is < 0 or > 12 || due.MonthsAfterEnd is < 0 or > 12 || due.Day is < 1 or > 31)
            {
                yield return ($"{at}.due", "提前开放的月数、期满后的月数应在0至12之间，日期在1至31之间");
            }
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var row = await x.Db.Set<ModuleAwards>().FirstOrDefaultAsync(e => e.ModuleId == model.Module, ct);
        if (row is not null && JsonSerializer.Serialize(row.Declaration, Json) == JsonSerializer.Serialize(model.Award, Json))
        {
            return 0;
        }

        if (row is null)
        {
            x.Db.Add(new ModuleAwards { ModuleId = model.Module, Declaration = model.Award });
        }
        else
        {
            row.Declaration = model.Award;
        }

        x.AfterCommit(() => cache.Invalidate(AwardDeclarations.CacheKey));
        return 1;
    }
}
