using IpPlatform.Kernel.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Kernel.Search;

/// <summary>Published notices: title, 文号, issuer, body and annex names, by authority, program and year; drafts never.</summary>
public sealed class NoticeSearchSource : ISearchSource
{
    public const string Kind = "notice";

    public string Name => Kind;

    public Guid? SubjectOf(EntityEntry entry) => entry.Entity is ContentItem { Type: NoticeQueries.NoticeType } item ? item.Id : null;

    public string KeyOf(Guid id) => SearchDocument.KeyOf(Name, id);

    public Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct) =>
        db.Set<ContentItem>().AsNoTracking().Where(i => i.Type == NoticeQueries.NoticeType && i.PublishedVersion != null).Select(i => i.Id).ToListAsync(ct);

    public async Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct) => (await BuildManyAsync(db, [id], ct)).FirstOrDefault();

    public async Task<IReadOnlyList<SearchDocument>> BuildManyAsync(DbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var found = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Type == NoticeQueries.NoticeType && i.PublishedVersion != null)
            .Select(i => new
            {
                Item = i,
                Body = db.Set<ContentVersion>().Where(v => v.ItemId == i.Id && v.Number == i.PublishedVersion).Select(v => v.Body).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. found.Where(f => f.Body is not null).Select(f => Document(f.Item, f.Body!))];
    }

    private SearchDocument Document(ContentItem item, System.Text.Json.Nodes.JsonObject body)
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>
        {
            ["kind"] = [Name], ["authority"] = [item.OwnerAuthority],
            ["year"] = item.PublishedYear is { } year ? [year.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
            ["program"] = item.PublishedProgram is { } program ? [program] : [],
        };
        var annexes = string.Join(" ", ContentBody.Annexes(body, "annexes").Select(a => a.Title));
        var text = string.Join("\n", ContentBody.Text(body, "issuer"), ContentBody.Text(body, "body"));
        return new SearchDocument(Name, item.Id, item.PublishedTitle ?? ContentBody.Text(body, "title"), $"/notices/{item.Id}", text,
            ContentBody.Text(body, "documentNumber"), Annex: annexes, Facets: facets,
            Published: item.PublishedDate is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)) : item.FirstPublishedAt);
    }
}
