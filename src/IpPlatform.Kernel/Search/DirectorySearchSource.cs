using System.Globalization;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// Awards in force that a program lists publicly (its directory, e.g. seed 002's 名录): the organisation, its credit code
/// (found when typed whole), the title and what the directory shows of it. Nothing else of an award is public.
/// </summary>
public sealed class DirectorySearchSource : ISearchSource
{
    public const string Kind = "directory";

    public string Name => Kind;

    public Guid? SubjectOf(EntityEntry entry) => entry.Entity is Award award ? award.Id : null;

    public string KeyOf(Guid id) => SearchDocument.KeyOf(Name, id);

    public Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct) =>
        db.Set<Award>().AsNoTracking().Where(a => AwardStatusNames.Active.Contains(a.Status)).Select(a => a.Id).ToListAsync(ct);

    public async Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct)
    {
        var award = await db.Set<Award>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (award is null || !award.Status.IsActive() || award.Directory.Count == 0)
        {
            return null;
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().Where(p => p.Id == award.ProgramId).Select(p => new { p.Slug, p.ModuleId }).FirstAsync(ct);
        return new SearchDocument(Name, award.Id, award.OrganisationName, $"/programs/{program.Slug}/directory",
            string.Join("\n", [award.Title, .. award.Directory.Select(c => c.Value?.ToString() ?? "")]), award.DocumentNumber,
            Keys: award.CreditCode is { } code ? [code] : [],
            Facets: new Dictionary<string, IReadOnlyList<string>>
            {
                ["kind"] = [Name], ["authority"] = [award.OwnerAuthority], ["program"] = [program.ModuleId],
                ["year"] = [award.StartDate.Year.ToString(CultureInfo.InvariantCulture)],
            },
            Published: new DateTimeOffset(award.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
    }
}
