using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IpPlatform.Kernel.Scheduling;

/// <summary>
/// What happens by the clock: a state's period runs out (逾期未补正, 公示期满, 备案期满), a reminder falls due (3 working
/// days before a correction deadline), a round closes with drafts still open, a 公示 ends without open objections (its
/// result is published); and any notification not yet mailed is mailed. Each is one workflow action by the system, so it is checked, recorded and notified like any other.
/// </summary>
public sealed class ApplicationTimers(
    DbContext db, LoadApplication applications, ActOnApplication act, WorkflowEngine engine, WorkflowStore workflows, NotificationService notifications, NotificationMailer mailer,
    Publicity.PublishDuePublicity publicity, Awards.EndAwardsByTheClock awards,
    ILogger<ApplicationTimers> logger, TimeProvider clock) : IScheduledWork
{
    private const int Batch = 200;

    public sealed record Run(int Expired, int Reminded, int Closed, int Refused, int Published = 0, int AwardsExpired = 0, int ObligationsClosed = 0);

    Task IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(ct);

    public async Task<Run> RunAsync(CancellationToken ct = default)
    {
        var (expired, refusedExpiry) = await ExpireAsync(ct);
        var reminded = await RemindAsync(ct);
        var (closed, refusedClose) = await CloseDraftsAsync(ct);
        db.ChangeTracker.Clear();
        var published = await publicity.PublishDueAsync(ct);
        db.ChangeTracker.Clear();
        var (awardsExpired, obligationsClosed) = await awards.RunAsync(ct);
        mailer.Poke();
        return new Run(expired, reminded, closed, refusedExpiry + refusedClose, published, awardsExpired, obligationsClosed);
    }

    private async Task<(int Done, int Refused)> ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.ExpiryAction != null && i.DueAt <= now)
            .OrderBy(i => i.DueAt).Select(i => new { i.SubjectId, i.ExpiryAction }).Take(Batch).ToListAsync(ct);
        var (done, refused) = (0, 0);
        foreach (var item in due)
        {
            // Read again: a reviewer may have moved it or extended the deadline since the list was taken.
            db.ChangeTracker.Clear();
            if (await applications.FindForSystemAsync(item.SubjectId, ct) is not { } view
                || view.Instance.ExpiryAction != item.ExpiryAction || view.Instance.DueAt is not { } dueAt || dueAt > now)
            {
                continue;
            }

            var outcome = await act.ActAsync(view, item.ExpiryAction!, WorkflowActor.System, [], ct);
            if (outcome.Succeeded)
            {
                done++;
                continue;
            }

            db.ChangeTracker.Clear();
            if (outcome.Errors.All.Any(e => e.Message == WorkflowEngine.ConflictMessage))
            {
                continue;   // moved meanwhile; the next run sees its new state
            }

            // Refused by a guard (e.g. the program keeps overdue corrections open): not retried every minute; the
            // deadline stays shown, and a later move or extension sets a new timer.
            refused++;
            logger.LogInformation("Expiry {Action} of application {Application} refused: {Reason}", item.ExpiryAction, item.SubjectId, outcome.Errors.All[0].Message);
            var instanceId = view.Instance.Id;
            await db.Set<WorkflowInstance>().Where(i => i.Id == instanceId && i.ExpiryAction == item.ExpiryAction && i.DueAt == dueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiryAction, (string?)null), ct);
        }

        return (done, refused);
    }

    private async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.RemindedAt == null && i.RemindAt <= now)
            .OrderBy(i => i.RemindAt).Select(i => i.SubjectId).Take(Batch).ToListAsync(ct);
        var count = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            if (await applications.FindForSystemAsync(id, ct) is not { } view)
            {
                continue;
            }

            var remind = view.State.Timer?.Remind;
            if (remind is not null)
            {
                var values = new Dictionary<string, string>
                {
                    ["program"] = view.Program.Name, ["round"] = view.Round.Title, ["organisation"] = view.Instance.OrganisationName,
                    ["deadline"] = view.Instance.Deadline?.ToString("yyyy年M月d日") ?? "",
                    ["obligation"] = view.ObligationTitle ?? "",
                };
                notifications.Add(view.Instance.OrganisationId, WorkflowEngine.Render(remind.Subject, values), WorkflowEngine.Render(remind.Body, values), $"/applications/{id}");
            }

            // A save lost to a concurrent move is fine: the new state sets (or clears) its own reminder.
            view.Instance.RemindedAt = now;
            count += await engine.SaveAsync(ct) && remind is not null ? 1 : 0;
        }

        return count;
    }

    private async Task<(int Done, int Refused)> CloseDraftsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only drafts whose chain closes them when the round closes, so drafts it does not close never crowd out the rest.
        var closing = new List<string>();
        foreach (var version in await workflows.AllVersionsAsync(ct))
        {
            closing.AddRange(version.Definition.Actions.Where(a => a.Trigger == WorkflowRoles.RoundClosedTrigger)
                .SelectMany(a => a.From).Select(state => $"{version.Key}@{version.Version}:{state}"));
        }

        var drafts = await (
            from i in db.Set<WorkflowInstance>().AsNoTracking()
            join r in db.Set<Round>() on i.RoundId equals r.Id
            where i.Phase == WorkflowPhase.Draft && r.ClosesAt <= now && closing.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State)
            orderby r.ClosesAt
            select new { i.SubjectId, i.State }).Take(Batch).ToListAsync(ct);
        var (done, refused) = (0, 0);
        foreach (var draft in drafts)
        {
            db.ChangeTracker.Clear();
            var view = await applications.FindForSystemAsync(draft.SubjectId, ct);
            var close = view?.Workflow.ActionsFrom(draft.State).FirstOrDefault(a => a.Trigger == WorkflowRoles.RoundClosedTrigger);
            if (close is not null && await ApplyAsync(draft.SubjectId, close.Key, ct))
            {
                done++;
            }
            else
            {
                refused++;
            }
        }

        return (done, refused);
    }

    private async Task<bool> ApplyAsync(Guid applicationId, string action, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await applications.FindForSystemAsync(applicationId, ct) is not { } view)
        {
            return false;
        }

        var outcome = await act.ActAsync(view, action, WorkflowActor.System, [], ct);
        if (!outcome.Succeeded)
        {
            logger.LogInformation("System action {Action} on application {Application} refused: {Reason}", action, applicationId, outcome.Errors.All[0].Message);
            db.ChangeTracker.Clear();
        }

        return outcome.Succeeded;
    }
}
