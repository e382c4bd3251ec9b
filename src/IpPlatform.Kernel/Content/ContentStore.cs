using System.Text.Json.Nodes;
using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// The rules of versioned content that the use cases share. Every save makes a new immutable version; publishing points
/// the item at one version; restoring copies an old version into a new draft. Every change is audited (by the use case)
/// with the versions before and after. Authorization (which editor may touch which item) is the caller's: see the
/// editor pages.
/// </summary>
public sealed class ContentStore(DbContext db, TimeProvider clock, PublicPageCache publicPages, IContentReferences references)
{
    public Task<ContentItem?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<ContentItem>().FirstOrDefaultAsync(i => i.Id == id, ct);

    public Task<ContentVersion?> VersionAsync(Guid id, int number, CancellationToken ct = default) =>
        db.Set<ContentVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == id && v.Number == number, ct);

    public async Task<IReadOnlyList<ContentVersion>> HistoryAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ContentVersion>().AsNoTracking().Where(v => v.ItemId == id).OrderByDescending(v => v.Number).ToListAsync(ct);

    public async Task<IReadOnlyList<ContentSchedule>> PendingSchedulesAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ContentSchedule>().AsNoTracking().Where(s => s.ItemId == id && s.Status == ScheduleStatus.Pending)
            .OrderBy(s => s.DueAt).ToListAsync(ct);

    /// <summary>Read through this context, not the shared cache: a recipe may have created the type in its transaction.</summary>
    internal async Task<ContentTypeDefinition?> TypeAsync(string name, CancellationToken ct) =>
        await db.Set<ContentTypeDefinition>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);

    internal async Task<FieldErrors> ValidateAsync(ContentTypeDefinition type, JsonObject body, CancellationToken ct)
    {
        var programs = await references.KeysAsync(db, ContentFieldKind.Program, ct);
        var rounds = await references.KeysAsync(db, ContentFieldKind.Round, ct);
        return ContentBody.Validate(type, body, (kind, value) =>
            kind == ContentFieldKind.Program ? programs.Contains(value) : rounds.Contains(value));
    }

    internal void AddVersion(ContentItem item, JsonObject body, ContentActor actor, int? restoredFrom)
    {
        item.LatestVersion++;
        item.UpdatedAt = clock.GetUtcNow();
        db.Set<ContentVersion>().Add(new ContentVersion
        {
            Id = Guid.CreateVersion7(), ItemId = item.Id, Number = item.LatestVersion, Title = ContentBody.Text(body, "title"),
            Body = body, CreatedBy = actor.Id, CreatedByName = actor.Name, CreatedAt = clock.GetUtcNow(), RestoredFrom = restoredFrom,
        });
    }

    internal async Task<Outcome<ContentItem>> SaveAsync(ContentItem item, CancellationToken ct)
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
