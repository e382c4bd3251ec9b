using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Cancels a pending schedule of a content item.</summary>
public sealed class CancelContentSchedule(DbContext db, AuditLog audit, ContentScheduler scheduler)
{
    public async Task<Outcome<ContentSchedule>> CancelAsync(Guid scheduleId, ContentActor actor, CancellationToken ct = default)
    {
        var schedule = await db.Set<ContentSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == scheduleId, ct);

        // A conditional update: a schedule that is running or ran meanwhile is not marked cancelled.
        var cancelled = await db.Set<ContentSchedule>().Where(s => s.Id == scheduleId && s.Status == ScheduleStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ScheduleStatus.Cancelled), ct);
        if (schedule is null || cancelled == 0)
        {
            return Outcome<ContentSchedule>.Fail("", "该定时任务不存在或已执行");
        }

        audit.Add("content.schedule-cancelled", objectType: "content", objectId: schedule.ItemId.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["schedule"] = scheduleId.ToString() });
        await db.SaveChangesAsync(ct);
        await scheduler.UnscheduleAsync(scheduleId, ct);
        return Outcome<ContentSchedule>.Ok(schedule);
    }
}
