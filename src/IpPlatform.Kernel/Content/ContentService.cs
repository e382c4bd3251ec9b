using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Who acts on content: an editor, or the scheduler acting for the editor who scheduled.</summary>
public sealed record ContentActor(Guid? Id, string Name);

/// <summary>
/// The rules of versioned content. Every save makes a new immutable version; publishing points the item at one version;
/// restoring copies an old version into a new draft. Every change is audited with the versions before and after.
/// Authorization (which editor may touch which item) is the caller's: see the editor pages.
/// </summary>
public sealed class ContentService(DbContext db, AuditLog audit, TimeProvider clock, ContentScheduler scheduler, PublicPageCache publicPages)
{
    public Task<ContentItem?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<ContentItem>().FirstOrDefaultAsync(i => i.Id == id, ct);

    public Task<ContentVersion?> VersionAsync(Guid id, int number, CancellationToken ct = default) =>
        db.Set<ContentVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == id && v.Number == number, ct);

    public async Task<IReadOnlyList<ContentVersion>> HistoryAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ContentVersion>().AsNoTracking().Where(v => v.ItemId == id).OrderByDescending(v => v.Number).ToListAsync(ct);

    public async Task<Outcome<ContentItem>> CreateAsync(string type, string owner, JsonObject body, ContentActor actor, string? recipeKey = null, CancellationToken ct = default)
    {
        var definition = await TypeAsync(type, ct);
        if (definition is null)
        {
            return Outcome<ContentItem>.Fail("", $"内容类型“{type}”不存在");
        }

        var errors = await ValidateAsync(definition, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var item = new ContentItem { Id = Guid.CreateVersion7(), Type = type, OwnerAuthority = owner, CreatedAt = now, UpdatedAt = now, RecipeKey = recipeKey };
        db.Set<ContentItem>().Add(item);
        AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.created", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["type"] = type, ["version"] = 1 });
        await db.SaveChangesAsync(ct);
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>
    /// A notice created and published at once in the caller's unit of work, for decisions that publish themselves (a
    /// revocation's 公告 or 通报): it commits with the decision, or not at all. The caller evicts the public pages after.
    /// </summary>
    public async Task<Outcome<ContentItem>> StagePublishedAsync(string type, string owner, JsonObject body, ContentActor actor, CancellationToken ct = default)
    {
        if (await TypeAsync(type, ct) is not { } definition)
        {
            return Outcome<ContentItem>.Fail("", $"内容类型“{type}”不存在");
        }

        var errors = await ValidateAsync(definition, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var item = new ContentItem
        {
            Id = Guid.CreateVersion7(), Type = type, OwnerAuthority = owner, CreatedAt = now, UpdatedAt = now, PublishedVersion = 1,
            PublishedTitle = ContentBody.Text(body, "title"), PublishedDate = ContentBody.Date(body, "date") ?? Time.BeijingTime.Today(clock),
            PublishedYear = ContentBody.Int(body, "year") ?? (ContentBody.Date(body, "date") ?? Time.BeijingTime.Today(clock)).Year,
            PublishedProgram = ContentBody.Text(body, "program") is { Length: > 0 } program ? program : null, FirstPublishedAt = now,
        };
        db.Set<ContentItem>().Add(item);
        AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.published", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["type"] = type, ["after"] = 1 });
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>Saves a new draft version. <paramref name="basedOn"/> is the latest version the editor saw: if someone saved since, the save is refused.</summary>
    public async Task<Outcome<ContentItem>> SaveDraftAsync(Guid id, JsonObject body, int basedOn, ContentActor actor, CancellationToken ct = default)
    {
        var item = await FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        if (item.LatestVersion != basedOn)
        {
            return Outcome<ContentItem>.Fail("", $"他人已在您打开后保存了第{item.LatestVersion}版。请复制您的修改，刷新页面后再保存");
        }

        var errors = await ValidateAsync((await TypeAsync(item.Type, ct))!, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var before = item.LatestVersion;
        AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.saved", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = item.LatestVersion });
        return await SaveAsync(item, ct);
    }

    public async Task<Outcome<ContentItem>> PublishAsync(Guid id, int? version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        var number = version ?? item.LatestVersion;
        var published = await VersionAsync(id, number, ct);
        if (published is null)
        {
            return Outcome<ContentItem>.Fail("", $"第{number}版不存在");
        }

        var before = item.PublishedVersion;
        item.PublishedVersion = number;
        item.PublishedTitle = published.Title;
        // A notice without a date of its own is dated the day it is published (so lists order it among the others).
        item.PublishedDate = ContentBody.Date(published.Body, "date") ?? Time.BeijingTime.Today(clock);
        item.PublishedYear = ContentBody.Int(published.Body, "year") ?? item.PublishedDate?.Year;
        item.PublishedProgram = ContentBody.Text(published.Body, "program") is { Length: > 0 } program ? program : null;
        item.PublishedRound = ContentBody.Text(published.Body, "round") is { Length: > 0 } round ? round : null;
        item.FirstPublishedAt ??= clock.GetUtcNow();
        item.UpdatedAt = clock.GetUtcNow();
        audit.Add("content.published", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = number });
        return await SaveAsync(item, ct);
    }

    public async Task<Outcome<ContentItem>> UnpublishAsync(Guid id, ContentActor actor, CancellationToken ct = default)
    {
        var item = await FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        if (item.PublishedVersion is not { } before)
        {
            return Outcome<ContentItem>.Fail("", "该内容未发布");
        }

        (item.PublishedVersion, item.PublishedTitle, item.PublishedDate, item.PublishedYear, item.PublishedProgram, item.PublishedRound) =
            (null, null, null, null, null, null);
        item.UpdatedAt = clock.GetUtcNow();
        audit.Add("content.unpublished", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = null });
        return await SaveAsync(item, ct);
    }

    /// <summary>Copies an old version into a new draft (the published version does not change).</summary>
    public async Task<Outcome<ContentItem>> RestoreAsync(Guid id, int version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await FindAsync(id, ct);
        var old = item is null ? null : await VersionAsync(id, version, ct);
        if (item is null || old is null)
        {
            return Outcome<ContentItem>.Fail("", "要恢复的版本不存在");
        }

        var before = item.LatestVersion;
        AddVersion(item, (JsonObject)old.Body.DeepClone(), actor, restoredFrom: version);
        audit.Add("content.restored", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["from"] = version, ["before"] = before, ["after"] = item.LatestVersion });
        return await SaveAsync(item, ct);
    }

    public async Task<Outcome<ContentSchedule>> ScheduleAsync(
        Guid id, ScheduledAction action, DateTimeOffset at, int? version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await FindAsync(id, ct);
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

    public async Task<Outcome<ContentSchedule>> CancelScheduleAsync(Guid scheduleId, ContentActor actor, CancellationToken ct = default)
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

    /// <summary>
    /// Carries out a due schedule, once: the row is locked and marked done in the same transaction as the change, so a
    /// second instance (or a retried job) finds nothing left to do.
    /// </summary>
    public async Task<bool> RunScheduleAsync(Guid scheduleId, CancellationToken ct = default)
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
            ? await PublishAsync(schedule.ItemId, schedule.Version, actor, ct)
            : await UnpublishAsync(schedule.ItemId, actor, ct);

        // Marked done in SQL, so that a failed publish (which clears the change tracker) cannot leave it pending to fire again.
        var now = clock.GetUtcNow();
        await db.Set<ContentSchedule>().Where(s => s.Id == scheduleId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ScheduleStatus.Done).SetProperty(s => s.DoneAt, now), ct);
        await transaction.CommitAsync(ct);
        await publicPages.InvalidateAsync();
        return outcome.Succeeded;
    }

    public async Task<IReadOnlyList<ContentSchedule>> PendingSchedulesAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ContentSchedule>().AsNoTracking().Where(s => s.ItemId == id && s.Status == ScheduleStatus.Pending)
            .OrderBy(s => s.DueAt).ToListAsync(ct);

    /// <summary>Read through this context, not the shared cache: a recipe may have created the type in its transaction.</summary>
    private async Task<ContentTypeDefinition?> TypeAsync(string name, CancellationToken ct) =>
        await db.Set<ContentTypeDefinition>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);

    private async Task<FieldErrors> ValidateAsync(ContentTypeDefinition type, JsonObject body, CancellationToken ct)
    {
        var programs = await db.Set<ProgramInstance>().AsNoTracking().Select(p => p.Slug).ToListAsync(ct);
        var rounds = await db.Set<Round>().AsNoTracking().Select(r => r.Key).ToListAsync(ct);
        return ContentBody.Validate(type, body, (kind, value) =>
            kind == ContentFieldKind.Program ? programs.Contains(value) : rounds.Contains(value));
    }

    private void AddVersion(ContentItem item, JsonObject body, ContentActor actor, int? restoredFrom)
    {
        item.LatestVersion++;
        item.UpdatedAt = clock.GetUtcNow();
        db.Set<ContentVersion>().Add(new ContentVersion
        {
            Id = Guid.CreateVersion7(), ItemId = item.Id, Number = item.LatestVersion, Title = ContentBody.Text(body, "title"),
            Body = body, CreatedBy = actor.Id, CreatedByName = actor.Name, CreatedAt = clock.GetUtcNow(), RestoredFrom = restoredFrom,
        });
    }

    private async Task<Outcome<ContentItem>> SaveAsync(ContentItem item, CancellationToken ct)
    {
        try
        {
            // Decided before saving: afterwards nothing is "modified" any more, and an unpublish must evict too.
            var publicChanged = db.Entry(item).Property(i => i.PublishedVersion).IsModified;
            await db.SaveChangesAsync(ct);
            if (publicChanged)
            {
                await publicPages.InvalidateAsync();
            }

            return Outcome<ContentItem>.Ok(item);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ContentItem>.Fail("", "该内容刚被他人修改，请刷新页面后重试");
        }
    }
}
