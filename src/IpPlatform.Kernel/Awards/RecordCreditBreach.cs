using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

public sealed record CreditBreachInput(string? Stage, string? Text);

/// <summary>
/// Records a 失信行为 of an awardee at a stage of the program (seed 004 七、其他事项: 记录建设单位在申报、建设、考核等阶段的失信行为信息),
/// by the authority running the program. Kept for good, entered in the award's hash-chained history, and shown to the
/// reviewers of the organisation's later applications.
/// </summary>
public sealed class RecordCreditBreach(DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CreditRecord>> RunAsync(Guid awardId, CreditBreachInput input, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await db.DecidedByAsync(awardId, actor, ct) is not ({ } award, { } moduleId))
        {
            return Outcome<CreditRecord>.Fail("", AwardScope.NotDecidedHere);
        }

        var errors = new FieldErrors();
        if (!CreditRecord.Stages.Contains(input.Stage ?? ""))
        {
            errors.Add("Stage", "请选择失信行为发生的阶段");
        }

        if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > 2000)
        {
            errors.Add("Text", "请填写失信行为的事实（不超过2000字）");
        }

        if (errors.Any)
        {
            return Outcome<CreditRecord>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var authority = actor.Grants.FirstOrDefault(g => g.Authority == award.OwnerAuthority)?.Authority ?? award.OwnerAuthority;
        var record = new CreditRecord
        {
            Id = Guid.CreateVersion7(), OrganisationId = award.OrganisationId, ModuleId = moduleId, ProgramId = award.ProgramId, AwardId = award.Id,
            Stage = input.Stage!, Text = input.Text!.Trim(), Authority = authority, RecordedAt = now, RecordedBy = actor.Name,
        };
        db.Add(record);
        db.Add(AwardEvent.Next(award, actor, authority, "credit", $"记录失信行为（{record.Stage}阶段）",
            new JsonObject { ["record"] = record.Id.ToString(), ["stage"] = record.Stage, ["text"] = record.Text }, now));
        audit.Add("credit.recorded", objectType: "award", objectId: award.Id.ToString(), actorId: actor.UserId, actorName: actor.Name,
            details: new JsonObject { ["organisation"] = award.OrganisationId.ToString(), ["stage"] = record.Stage });
        return await db.SaveOrConflictAsync(record, "该称号刚被他人修改过，请刷新页面后再保存", ct);
    }
}
