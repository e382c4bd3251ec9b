using System.Globalization;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Publicity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Kernel.Search;

/// <summary>公示 lists while open and once their result is published: the title, the introduction, the organisations listed (not withdrawn).</summary>
public sealed class PublicitySearchSource : ISearchSource
{
    public const string Kind = "publicity";

    public string Name => Kind;

    public Guid? SubjectOf(EntityEntry entry) => entry.Entity switch
    {
        PublicNotice notice => notice.Id,
        PublicNoticeEntry listed => listed.PublicNoticeId,
        _ => null,
    };

    public string KeyOf(Guid id) => SearchDocument.KeyOf(Name, id);

    public Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct) => db.Set<PublicNotice>().AsNoTracking().Select(p => p.Id).ToListAsync(ct);

    public async Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Set<PublicNotice>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } notice)
        {
            return null;
        }

        var organisations = await db.Set<PublicNoticeEntry>().AsNoTracking().Where(e => e.PublicNoticeId == id && !e.Withdrawn)
            .OrderBy(e => e.Position).Select(e => e.OrganisationName).ToListAsync(ct);
        var module = await db.Set<ProgramInstance>().AsNoTracking().Where(p => p.Id == notice.ProgramId).Select(p => p.ModuleId).FirstOrDefaultAsync(ct);
        return new SearchDocument(Name, notice.Id, notice.Title, $"/publicity/{notice.Id}", string.Join("\n", [notice.Intro ?? "", .. organisations]),
            Facets: new Dictionary<string, IReadOnlyList<string>>
            {
                ["kind"] = [Name], ["authority"] = [notice.OwnerAuthority], ["program"] = module is null ? [] : [module],
                ["year"] = [notice.StartDate.Year.ToString(CultureInfo.InvariantCulture)],
            },
            Published: notice.PublishedAt ?? notice.CreatedAt);
    }
}
