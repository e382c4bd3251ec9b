using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

public sealed record EditorItemRow(ContentItem Item, string Title, string Agency, bool Scheduled);

public sealed record EditorItemsPage(IReadOnlyList<EditorItemRow> Rows, int Total, int Page, int Pages);

/// <summary>
/// The items of one content type owned by the given authorities (those the editor covers), the latest changed first, each
/// with its latest version's title, its owner's agency and whether a change is scheduled; paged.
/// </summary>
public sealed class ListEditorItems(DbContext db)
{
    public async Task<EditorItemsPage> RunAsync(string type, IReadOnlyList<string> owners, int page, int pageSize, CancellationToken ct = default)
    {
        var query = from i in db.Set<ContentItem>().AsNoTracking()
                    join v in db.Set<ContentVersion>().AsNoTracking() on new { ItemId = i.Id, Number = i.LatestVersion } equals new { v.ItemId, v.Number }
                    join a in db.Set<Authority>().AsNoTracking() on i.OwnerAuthority equals a.Code
                    where i.Type == type && owners.Contains(i.OwnerAuthority)
                    select new { i, v.Title, a.Agency, Scheduled = db.Set<ContentSchedule>().Any(s => s.ItemId == i.Id && s.Status == ScheduleStatus.Pending) };
        var total = await query.CountAsync(ct);
        var pages = (total + pageSize - 1) / pageSize;
        var number = Math.Clamp(page, 1, Math.Max(1, pages));
        var rows = (await query.OrderByDescending(x => x.i.UpdatedAt).Skip((number - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(x => new EditorItemRow(x.i, x.Title, x.Agency, x.Scheduled)).ToList();
        return new EditorItemsPage(rows, total, number, pages);
    }
}
