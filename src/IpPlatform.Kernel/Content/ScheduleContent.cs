using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Schedules a content item to be published (a version, the latest when none is named) or taken down at a later moment.</summary>
public sealed class ScheduleContent(DbContext db, ContentStore store, AuditLog audit, TimeProvider clock, ContentScheduler scheduler)
{
    public async Task<Outcome<ContentSchedule>> ScheduleAsync(
        Guid id, ScheduledAction action, DateTimeOffset at, int? version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await store.FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentSchedule>.Fail("", "内容不存在");
        }

        if (at <= clock.GetUtcNow())
        {
            return Outcome<ContentSchedule>.Fail("DueAt", "定时时间须晚于现在（北京时间）");
        }

        var schedule = new ContentSchedule
        {
            Id = Guid.CreateVersion7(), ItemId = id, Action = action, DueAt = at, CreatedBy = actor.Id, CreatedAt = clock.GetUtcNow(),
            Version = action == ScheduledAction.Publish ? version ?? item.LatestVersion : null, Status = ScheduleStatus.Pending,
        };
        db.Set<ContentSchedule>().Add(schedule);
        audit.Add(action == ScheduledAction.Publish ? "content.publish-scheduled" : "content.unpublish-scheduled",
            objectType: "content", objectId: id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["at"] = at.ToString("O"), ["version"] = schedule.Version, ["schedule"] = schedule.Id.ToString() });
        await db.SaveChangesAsync(ct);
        await scheduler.ScheduleAsync(schedule, ct);
        return Outcome<ContentSchedule>.Ok(schedule);
    }
}
