using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Carries out a due schedule of a content item: publishes or takes it down, for the editor who scheduled.</summary>
public sealed class RunContentSchedule(DbContext db, PublishContent publish, UnpublishContent unpublish, TimeProvider clock, PublicPageCache publicPages)
{
    /// <summary>
    /// Carries out a due schedule, once: the row is locked and marked done in the same transaction as the change, so a
    /// second instance (or a retried job) finds nothing left to do.
    /// </summary>
    public async Task<bool> RunAsync(Guid scheduleId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var schedule = await db.Set<ContentSchedule>()
            .FromSql($"SELECT * FROM content_schedules WHERE id = {scheduleId} AND status = 'Pending' FOR UPDATE SKIP LOCKED")
            .FirstOrDefaultAsync(ct);
        if (schedule is null)
        {
            return false;
        }

        var actor = new ContentActor(schedule.CreatedBy, "定时任务");
        var outcome = schedule.Action == ScheduledAction.Publish
            ? await publish.PublishAsync(schedule.ItemId, schedule.Version, actor, ct)
            : await unpublish.UnpublishAsync(schedule.ItemId, actor, ct);

        // Marked done in SQL, so that a failed publish (which clears the change tracker) cannot leave it pending to fire again.
        var now = clock.GetUtcNow();
        await db.Set<ContentSchedule>().Where(s => s.Id == scheduleId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ScheduleStatus.Done).SetProperty(s => s.DoneAt, now), ct);
        await transaction.CommitAsync(ct);
        await publicPages.InvalidateAsync();
        return outcome.Succeeded;
    }
}
