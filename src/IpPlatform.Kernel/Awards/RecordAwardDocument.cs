using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// The running authority's record of an award's decision document and, where the program funds, the funds granted and
/// disbursed (万元). <see cref="Version"/> is the award's version the page showed: a save over a newer one is refused.
/// </summary>
public sealed record AwardDocumentInput(string? DocumentNumber, decimal? FundsGranted, decimal? FundsDisbursed, uint? Version = null);

/// <summary>
/// Records an award's document number and funds: only the authority running the program, only while the award is in
/// force (a revoked award's funds are what its claw-back was computed from); funds only where the module funds, never
/// negative, at most the program's cap where the module declares one (seed 003: 支持资金上限) — else 100,000 万元 — in
/// 万元 to the cent, disbursed never above granted. The change is an award event (before and after) and an audit
/// record; a save over someone else's newer one is refused.
/// </summary>
public sealed class RecordAwardDocument(DbContext db, AwardDeclarations declarations, Modules.ModuleCatalog modules, AuditLog audit, TimeProvider clock)
{
    public const decimal MaxFunds = 100_000m;

    /// <summary>A 文号 as long as a published notice's (the Notice content type's 文号 field) may carry.</summary>
    public const int MaxNumberLength = 64;

    public async Task<Outcome<Award>> RunAsync(Guid awardId, AwardDocumentInput input, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await db.DecidedByAsync(awardId, actor, ct) is not ({ } award, { } moduleId))
        {
            return Outcome<Award>.Fail("", AwardScope.NotDecidedHere);
        }

        if (!award.Status.IsActive())
        {
            return Outcome<Award>.Fail("", $"该称号（资格）{award.Status.ToChinese()}，文号与资金不能再修改");
        }

        if (input.Version is { } shown && shown != award.RowVersion)
        {
            return Outcome<Award>.Fail("", "该称号刚被他人修改过，请刷新页面后再保存");
        }

        var declaration = await declarations.FindAsync(moduleId, ct);
        var program = await db.Set<Programs.ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == award.ProgramId, ct);
        var cap = Cap(declaration, modules.Find(moduleId)?.Settings.Effective(program.Settings) ?? program.Settings);
        var errors = new FieldErrors();
        var number = input.DocumentNumber?.Trim();
        if (number is { Length: > MaxNumberLength })
        {
            errors.Add("DocumentNumber", $"“文号”不超过{MaxNumberLength}个字符");
        }

        var (granted, disbursed) = (Cents(input.FundsGranted), Cents(input.FundsDisbursed));
        foreach (var (field, label, value) in new[] { ("FundsGranted", "批准资金", granted), ("FundsDisbursed", "已拨付资金", disbursed) })
        {
            if (value is not null && declaration?.Funded != true)
            {
                errors.Add(field, $"该项目不安排资金，不能填写“{label}”");
            }
            else if (value is < 0 || value > cap)
            {
                errors.Add(field, $"“{label}”应在0至{cap:0.##}万元之间");
            }
        }

        if (disbursed is not null && granted is null)
        {
            errors.Add("FundsGranted", "填写“已拨付资金”前，请先填写“批准资金”");
        }
        else if (disbursed > granted)
        {
            errors.Add("FundsDisbursed", "“已拨付资金”不能超过“批准资金”");
        }

        if (errors.Any)
        {
            return Outcome<Award>.Fail(errors);
        }

        var before = new JsonObject { ["documentNumber"] = award.DocumentNumber, ["fundsGranted"] = award.FundsGranted, ["fundsDisbursed"] = award.FundsDisbursed };
        (award.DocumentNumber, award.FundsGranted, award.FundsDisbursed) = (number is { Length: > 0 } ? number : null, granted, disbursed);
        var after = new JsonObject { ["documentNumber"] = award.DocumentNumber, ["fundsGranted"] = award.FundsGranted, ["fundsDisbursed"] = award.FundsDisbursed };
        if (JsonNode.DeepEquals(before, after))
        {
            return Outcome<Award>.Ok(award);
        }

        var authority = actor.Grants.FirstOrDefault(g => g.Authority == award.OwnerAuthority)?.Authority;
        db.Add(AwardEvent.Next(award, actor, authority, "document", "登记文号与资金", new JsonObject { ["before"] = before, ["after"] = after.DeepClone() }, clock.GetUtcNow()));
        audit.Add("award.document", objectType: "award", objectId: award.Id.ToString(), actorId: actor.UserId, actorName: actor.Name,
            details: new JsonObject { ["before"] = before.DeepClone(), ["after"] = after.DeepClone() });
        return await db.SaveOrConflictAsync(award, "该称号刚被他人修改过，请刷新页面后再保存", ct);
    }

    /// <summary>The most an award of the module may be granted (万元): the program's cap where the module declares one.</summary>
    public static decimal Cap(AwardDeclaration? declaration, JsonObject settings) =>
        declaration?.MaxFunds is { } expression && ValueExpression.Decimal(expression, settings) is { } cap ? cap : MaxFunds;

    private static decimal? Cents(decimal? amount) => amount is { } a ? Math.Round(a, 2, MidpointRounding.AwayFromZero) : null;
}
