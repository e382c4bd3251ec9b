using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// What a decision on an obligation does to its award (the effects of docs/awards-format.md): its status, a new
/// occurrence (a rectification check, due in N months), revocation on a declared ground, an ending, a renewal, the
/// directory entry brought in step with a change report, a credit record. Staged in the decision's unit of work; a
/// consequence that cannot follow (an award no longer in force, say) refuses the decision itself.
/// </summary>
public sealed class ApplyAwardEffects(
    DbContext db, AwardDeclarations declarations, ModuleCatalog modules, OpenObligation obligations, RevokeAward revocations, EndAward endings,
    RenewAward renewals, TimeProvider clock)
{
    /// <summary>True when a notice was published or the directory changed.</summary>
    public async Task<bool> StageAsync(ApplicationView filing, WorkflowAction action, JsonObject inputs, WorkflowActor actor, string? authority, CancellationToken ct)
    {
        var effects = action.EffectList.Where(e => AwardEffectKinds.All.Contains(e.Kind)).ToList();
        if (effects.Count == 0 || filing.Application.AwardId is not { } awardId)
        {
            return false;
        }

        var award = await db.Set<Award>().FirstAsync(a => a.Id == awardId, ct);
        var declaration = await declarations.FindAsync(filing.Program.ModuleId, ct) ?? throw new WorkflowRefusal("该项目没有称号与义务的配置");
        var settings = modules.Find(filing.Program.ModuleId)?.Settings.Effective(filing.Program.Settings) ?? filing.Program.Settings;
        var now = clock.GetUtcNow();
        var published = false;
        foreach (var effect in effects)
        {
            switch (effect.Kind)
            {
                case "awardStatus":
                    var status = AwardStatusNames.Parse(effect.Status)!.Value;
                    if (!award.Status.IsActive())
                    {
                        throw new WorkflowRefusal($"该称号（资格）{award.Status.ToChinese()}，不能再改变其状态");
                    }

                    if (award.Status != status)
                    {
                        var from = award.Status;
                        award.Status = status;
                        db.Add(AwardEvent.Next(award, actor, authority, "status", $"{from.ToChinese()} → {status.ToChinese()}（{action.Label}）",
                            new JsonObject { ["from"] = from.ToString(), ["to"] = status.ToString(), ["filing"] = filing.Application.Id.ToString() }, now));
                    }

                    break;

                case "openObligation":
                    var obligation = declaration.Obligation(effect.Obligation!) ?? throw new WorkflowRefusal($"没有名为“{effect.Obligation}”的义务");
                    var months = ValueExpression.Int(effect.Months ?? obligation.Due.Months, settings, inputs)
                        ?? throw new WorkflowRefusal($"“{obligation.Title}”的期限（月数）无法确定");
                    var (least, most) = (ValueExpression.Int(effect.MinMonths, settings), ValueExpression.Int(effect.MaxMonths, settings));
                    if (months < (least ?? 1) || months > (most ?? 120))
                    {
                        var label = action.InputList.FirstOrDefault(i => effect.Months == ValueExpression.InputPrefix + i.Key)?.Label ?? "期限（月）";
                        throw new WorkflowRefusal($"“{label}”应在{least ?? 1}至{most ?? 120}个月之间（现为{months}个月）");
                    }
                    var today = BeijingTime.Today(clock);
                    var count = await db.Set<Application>().CountAsync(a => a.AwardId == awardId && a.ObligationKey == obligation.Key, ct);
                    var opened = await obligations.StageAsync(award, obligation, $"第{count + 1}次", today, today.AddMonths(months), actor, ct);
                    if (!opened.Succeeded)
                    {
                        throw new WorkflowRefusal(opened.Errors.All[0].Message);
                    }

                    break;

                case "revokeAward":
                    var ground = declaration.RevocationList.FirstOrDefault(g => g.Key == effect.Ending) ?? throw new WorkflowRefusal($"没有名为“{effect.Ending}”的撤销依据");
                    var revoked = await revocations.StageAsync(award, ground, ReasonOf(inputs, action), inputs["documentNumber"]?.ToString(), actor, authority, ct);
                    if (!revoked.Succeeded)
                    {
                        throw new WorkflowRefusal(revoked.Errors.All[0].Message);
                    }

                    published |= ground.Publish is not null;
                    break;

                case "endAward":
                    var termination = declaration.TerminationList.FirstOrDefault(g => g.Key == effect.Ending);
                    var ended = endings.Stage(award, AwardStatusNames.Parse(effect.Status)!.Value, termination?.Label ?? ReasonOf(inputs, action), actor, authority);
                    if (!ended.Succeeded)
                    {
                        throw new WorkflowRefusal(ended.Errors.All[0].Message);
                    }

                    break;

                case "renewAward":
                    var renewed = await renewals.StageAsync(award, declaration, settings, actor, authority, ct);
                    if (!renewed.Succeeded)
                    {
                        throw new WorkflowRefusal(renewed.Errors.All[0].Message);
                    }

                    break;

                case "updateDirectory":
                    var changed = new JsonObject();
                    foreach (var (column, path) in effect.Fields!)
                    {
                        var parts = path.Split('.', 2);
                        if (FormAnswers.Text(filing.Application.Answers, parts[0], parts[1]) is { Length: > 0 } value && award.Directory[column]?.ToString() != value)
                        {
                            changed[column] = new JsonObject { ["from"] = award.Directory[column]?.ToString(), ["to"] = value };
                            award.Directory[column] = value;
                        }
                    }

                    if (changed.Count > 0)
                    {
                        award.Directory = (JsonObject)award.Directory.DeepClone();   // a new document, so the change is saved
                        db.Add(AwardEvent.Next(award, actor, authority, "directory", "名录信息变更", changed, now));
                        published = true;
                    }

                    break;

                case "creditRecord":
                    db.Add(new CreditRecord
                    {
                        Id = Guid.CreateVersion7(), OrganisationId = award.OrganisationId, ModuleId = filing.Program.ModuleId, ProgramId = filing.Program.Id, AwardId = award.Id,
                        Stage = effect.Stage!, Text = TextLimit.Clip($"{effect.Credit}（{ReasonOf(inputs, action)}）", 2000), Authority = authority ?? award.OwnerAuthority, RecordedAt = now,
                        RecordedBy = actor.Name,
                    });
                    break;
            }
        }

        return published;
    }

    /// <summary>The reason the deciding action gave (its "reason" or "opinion" input), else the action's own label.</summary>
    private static string ReasonOf(JsonObject inputs, WorkflowAction action) =>
        inputs["reason"]?.ToString() is { Length: > 0 } reason ? reason
        : inputs["opinion"]?.ToString() is { Length: > 0 } opinion ? opinion
        : action.Label;
}
