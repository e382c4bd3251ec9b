using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// An expert's declaration on an assignment (利益冲突声明): no conflict of interest, before seeing anything of the
/// application; or a conflict, declined with a reason (回避), and the least loaded other expert who may score it replaces them.
/// </summary>
public sealed class DeclareConflictOfInterest(DbContext db, ExpertAssignments assignments, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ExpertAssignment>> DeclareAsync(ExpertAssignment assignment, bool conflict, string? reason, WorkflowActor expert, CancellationToken ct = default)
    {
        if (assignment.State != AssignmentState.Assigned)
        {
            return Outcome<ExpertAssignment>.Fail("", "已作出声明，不能更改");
        }

        if (await assignments.ClosedAsync(assignment, ct) is { } closed)
        {
            return Outcome<ExpertAssignment>.Fail("", closed);
        }

        reason = reason?.Trim();
        if (conflict && string.IsNullOrEmpty(reason))
        {
            return Outcome<ExpertAssignment>.Fail("reason", "请填写回避理由（与申报单位存在的利益关系）");
        }

        if (reason is { Length: > ExpertAssignments.MaxComment })
        {
            return Outcome<ExpertAssignment>.Fail("reason", $"回避理由不能超过{ExpertAssignments.MaxComment}字");
        }

        // A decline and its replacement happen under the application's lock: two experts declining at once get two
        // different replacements (the second sees the first's).
        await using var transaction = conflict ? await db.Database.BeginTransactionAsync(ct) : null;
        if (conflict)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_instances WHERE subject_id = {assignment.ApplicationId} FOR UPDATE", ct);
        }

        (assignment.State, assignment.DeclineReason, assignment.DeclaredAt) = conflict
            ? (AssignmentState.Declined, reason, clock.GetUtcNow()) : (AssignmentState.Accepted, null, clock.GetUtcNow());
        audit.Add(conflict ? "expert.declined" : "expert.no-conflict", objectType: "application", objectId: assignment.ApplicationId.ToString(),
            details: new JsonObject { ["assignment"] = assignment.Id.ToString(), ["reason"] = reason }, actorId: expert.UserId, actorName: expert.Name);
        if (conflict && await ReplacementAsync(assignment, ct) is { } replacement)
        {
            audit.Add("expert.reassigned", objectType: "application", objectId: assignment.ApplicationId.ToString(),
                details: new JsonObject { ["declined"] = assignment.ExpertName, ["replacement"] = replacement.ExpertName });
        }

        var saved = await assignments.SaveAsync(1, ct);
        if (saved.Succeeded && transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return saved.Succeeded ? Outcome<ExpertAssignment>.Ok(assignment)
            : Outcome<ExpertAssignment>.Fail("", "刚才有其他操作同时改动了该申报的专家分配，本次未生效，请刷新后再提交");
    }

    private async Task<ExpertAssignment?> ReplacementAsync(ExpertAssignment declined, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstAsync(i => i.SubjectId == declined.ApplicationId, ct);
        var load = await assignments.LoadAsync(ct);
        var next = (await assignments.CandidatesAsync(instance, otherCityOnly: false, ct)).OrderBy(e => load.GetValueOrDefault(e.Id)).ThenBy(_ => Random.Shared.Next()).FirstOrDefault();
        if (next is null)
        {
            return null;
        }

        var replacement = new ExpertAssignment
        {
            Id = Guid.CreateVersion7(), ApplicationId = declined.ApplicationId, ExpertId = next.Id, ExpertName = next.Name, Rubric = declined.Rubric,
            State = AssignmentState.Assigned, AssignedAt = clock.GetUtcNow(), AssignedBy = declined.AssignedBy,
        };
        db.Add(replacement);
        return replacement;
    }
}
