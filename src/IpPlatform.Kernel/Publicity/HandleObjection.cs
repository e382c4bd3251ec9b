using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>
/// Staff of the program's authority handle an objection (异议处理): uphold it (the organisation leaves the list, on
/// record, and moves on by its chain's objectionUpheld action) or dismiss it (reason recorded).
/// </summary>
public sealed class HandleObjection(
    DbContext db, ApplyPublicityTrigger moves, NotificationMailer mailer, Caching.PublicPageCache publicPages, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Objection>> HandleAsync(Guid objectionId, bool uphold, string? reason, WorkflowActor actor, CancellationToken ct = default)
    {
        var objection = await db.Set<Objection>().FirstOrDefaultAsync(o => o.Id == objectionId, ct);
        var notice = objection is null ? null : await db.Set<PublicNotice>().FirstOrDefaultAsync(p => p.Id == objection.PublicNoticeId, ct);
        if (objection is null || notice is null || !PublicityViews.Manages(notice, actor))
        {
            return Outcome<Objection>.Fail("", "异议不存在");
        }

        reason = reason?.Trim();
        if (objection.State != ObjectionState.Open)
        {
            return Outcome<Objection>.Fail("", "该异议已处理");
        }

        if (notice.State != PublicityState.Open)
        {
            return Outcome<Objection>.Fail("", "公示结果已公布；对已公布结果的异议请按复核程序另行处理");
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            return Outcome<Objection>.Fail("Decision", "请填写处理理由（不超过2000字）");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        (objection.State, objection.Decision, objection.HandledBy, objection.HandledAt) =
            (uphold ? ObjectionState.Upheld : ObjectionState.Dismissed, reason, actor.UserId, clock.GetUtcNow());
        if (uphold)
        {
            var entry = await db.Set<PublicNoticeEntry>().FirstAsync(e => e.PublicNoticeId == notice.Id && e.ApplicationId == objection.ApplicationId, ct);
            (entry.Withdrawn, entry.WithdrawnReason) = (true, reason);
        }

        audit.Add(uphold ? "publicity.objection-upheld" : "publicity.objection-dismissed", objectType: "publicity", objectId: notice.Id.ToString(),
            details: new JsonObject { ["objection"] = objection.Id.ToString(), ["reason"] = reason }, actorId: actor.UserId, actorName: actor.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Objection>.Fail("", "该异议刚被他人处理过，请刷新后查看");
        }

        if (uphold && !await moves.MoveAsync(objection.ApplicationId, WorkflowRoles.ObjectionUpheldTrigger, ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<Objection>.Fail("", WorkflowEngine.ConflictMessage);
        }

        await transaction.CommitAsync(ct);
        mailer.Poke();
        await publicPages.InvalidateAsync();
        return Outcome<Objection>.Ok(objection);
    }
}
