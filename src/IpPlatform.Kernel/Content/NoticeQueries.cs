using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

public sealed record NoticeFilter(string? Authority, string? Program, int? Year, int Page = 1, int PageSize = 20);

public sealed record NoticeListItem(Guid Id, string Title, DateOnly? Date, DateTimeOffset? FirstPublishedAt, string OwnerAgency, string? Program);

public sealed record NoticePage(IReadOnlyList<NoticeListItem> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}


/// <summary>What the public site reads: published notices and rounds, straight from indexed columns.</summary>
public sealed class NoticeQueries(DbContext db)
{
    public const string NoticeType = "Notice";

    public async Task<NoticePage> ListAsync(NoticeFilter filter, CancellationToken ct = default)
    {
        var query = db.Set<ContentItem>().AsNoTracking().Where(i => i.Type == NoticeType && i.PublishedVersion != null);
        if (!string.IsNullOrEmpty(filter.Authority))
        {
            query = query.Where(i => i.OwnerAuthority == filter.Authority);
        }

        if (!string.IsNullOrEmpty(filter.Program))
        {
            query = query.Where(i => i.PublishedProgram == filter.Program);
        }

        if (filter.Year is { } year)
        {
            query = query.Where(i => i.PublishedYear == year);
        }

        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        var items = await (from i in query
                           join a in db.Set<Authority>() on i.OwnerAuthority equals a.Code
                           orderby i.PublishedDate descending, i.FirstPublishedAt descending
                           select new NoticeListItem(i.Id, i.PublishedTitle!, i.PublishedDate, i.FirstPublishedAt, a.Agency, i.PublishedProgram))
            .Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        return new NoticePage(items, total, page, filter.PageSize);
    }

    /// <summary>The published version of a notice (or of another type), or null when it does not exist or is not published.</summary>
    public async Task<(ContentItem Item, ContentVersion Version, string OwnerAgency)?> PublishedAsync(Guid id, CancellationToken ct = default) =>
        await PublishedAsync(id, NoticeType, ct);

    public async Task<(ContentItem Item, ContentVersion Version, string OwnerAgency)?> PublishedAsync(Guid id, string type, CancellationToken ct)
    {
        var found = await (from i in db.Set<ContentItem>().AsNoTracking()
                           join v in db.Set<ContentVersion>().AsNoTracking() on new { ItemId = i.Id, Number = i.PublishedVersion!.Value } equals new { v.ItemId, v.Number }
                           join a in db.Set<Authority>().AsNoTracking() on i.OwnerAuthority equals a.Code
                           where i.Id == id && i.Type == type && i.PublishedVersion != null
                           select new { i, v, a.Agency }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.i, found.v, found.Agency);
    }
}
