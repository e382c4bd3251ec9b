using System.Globalization;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Kernel.Search;

/// <summary>Programs with their rounds: the program's name, each round's title and year, by authority, program and year.</summary>
public sealed class ProgramSearchSource : ISearchSource
{
    public const string Kind = "program";

    public string Name => Kind;

    public Guid? SubjectOf(EntityEntry entry) => entry.Entity switch
    {
        ProgramInstance program => program.Id,
        Round round => round.ProgramId,
        _ => null,
    };

    public string KeyOf(Guid id) => SearchDocument.KeyOf(Name, id);

    public Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct) => db.Set<ProgramInstance>().AsNoTracking().Select(p => p.Id).ToListAsync(ct);

    public async Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Set<ProgramInstance>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } program)
        {
            return null;
        }

        var rounds = await db.Set<Round>().AsNoTracking().Where(r => r.ProgramId == id).OrderByDescending(r => r.Year)
            .Select(r => new { r.Title, r.Year, r.ClosesAt }).ToListAsync(ct);
        return new SearchDocument(Name, program.Id, program.Name, $"/programs/{program.Slug}", string.Join("\n", rounds.Select(r => $"{r.Year}年度：{r.Title}")),
            Facets: new Dictionary<string, IReadOnlyList<string>>
            {
                ["kind"] = [Name], ["authority"] = [program.OwnerAuthorityCode], ["program"] = [program.ModuleId],
                ["year"] = [.. rounds.Select(r => r.Year.ToString(CultureInfo.InvariantCulture)).Distinct()],
            },
            Published: program.UpdatedAt);
    }
}
