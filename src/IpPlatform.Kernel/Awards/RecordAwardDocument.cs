using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>The running authority's record of an award's decision document and, where the program funds, the funds granted and disbursed (万元).</summary>
public sealed record AwardDocumentInput(string? DocumentNumber, decimal? FundsGranted, decimal? FundsDisbursed);

/// <summary>
/// Records an award's document number and funds: only the authority running the program, only while the award is in
/// force; funds only where the module funds, never negative, at most 100,000 万元, disbursed never above granted. The
/// change is an award event (before and after) and an audit record; a save over someone else's newer one is refused.
/// </summary>
public sealed class RecordAwardDocument(DbContext db, AwardDeclarations declarations, AuditLog audit, TimeProvider clock)
{
    public const decimal MaxFunds = 100_000m;

    public async Task<Outcome<Award>> RunAsync(Guid awardId, AwardDocumentInput input, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await db.DecidedByAsync(awardId, actor, ct) is not ({ } award, { } moduleId))
        {
            return Outcome<Award>.Fail("", AwardScope.NotDecidedHere);
        }

        var funded = (await declarations.FindAsync(moduleId, ct))?.Funded == true;
        var errors = new FieldErrors();
        var number = input.DocumentNumber?.Trim();
        if (number is { Length: > 100 })
        {
            errors.Add("DocumentNumber", "“文号”不超过100个字符");
        }

        foreach (var (field, label, value) in new[] { ("FundsGranted", "批准资金", input.FundsGranted), ("FundsDisbursed", "已拨付资金", input.FundsDisbursed) })
        {
            if (value is { } amount && !funded)
            {
                errors.Add(field, $"该项目不安排资金，不能填写“{label}”");
            }
            else if (value is < 0 or > MaxFunds)
            {
                errors.Add(field, $"“{label}”应在0至{MaxFunds:0}万元之间");
            }
        }

        if (input.FundsGranted is { } granted && input.FundsDisbursed is { } disbursed && disbursed > granted)
        {
            errors.Add("FundsDisbursed", "“已拨付资金”不能超过“批准资金”");
        }

        if (errors.Any)
        {
            return Outcome<Award>.Fail(errors);
        }

        var before = new JsonObject { ["documentNumber"] = award.DocumentNumber, ["fundsGranted"] = award.FundsGranted, ["fundsDisbursed"] = award.FundsDisbursed };
        (award.DocumentNumber, award.FundsGranted, award.FundsDisbursed) = (number is { Length: > 0 } ? number : null, input.FundsGranted, input.FundsDisbursed);
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
}
