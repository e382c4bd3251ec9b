using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

public sealed record DirectoryPage(ProgramInstance Program, AwardDirectory Directory, IReadOnlyList<IReadOnlyList<string>> Rows, DateOnly AsOf);

/// <summary>
/// A program's public list of current awardees (seed 002 art. 6(四) and 16: the 名录 with each outlet's basic information
/// and 服务事项清单): the awards in force, with the columns the module declares, read from the awards themselves — so the
/// list is always in step with filings, change reports, revocations and expiries.
/// </summary>
public sealed class PublicDirectory(DbContext db, AwardDeclarations declarations, TimeProvider clock)
{
    /// <summary>The directory of the program <paramref name="slug"/>; a module id names its program when the module has only one.</summary>
    public async Task<DirectoryPage?> FindAsync(string slug, CancellationToken ct = default)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (program is null)
        {
            var ofModule = await db.Set<ProgramInstance>().AsNoTracking().Where(p => p.ModuleId == slug).Take(2).ToListAsync(ct);
            program = ofModule.Count == 1 ? ofModule[0] : null;
        }

        if (program is null || (await declarations.FindAsync(program.ModuleId, ct))?.Directory is not { } directory)
        {
            return null;
        }

        var awards = await db.Set<Award>().AsNoTracking().Where(a => a.ProgramId == program.Id && AwardStatusNames.Active.Contains(a.Status))
            .OrderBy(a => a.StartDate).ThenBy(a => a.OrganisationName).ToListAsync(ct);
        var names = await db.Set<Authority>().AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var rows = awards.Select(a => (IReadOnlyList<string>)directory.Columns.Select(c => c.Value switch
        {
            "organisation" => a.OrganisationName,
            "creditCode" => a.CreditCode ?? "",
            "title" => a.Title,
            "startDate" => a.StartDate.ToString("yyyy-MM-dd"),
            "endDate" => a.EndDate.ToString("yyyy-MM-dd"),
            "status" => a.Status.ToChinese(),
            "documentNumber" => a.DocumentNumber ?? "",
            "city" => names.GetValueOrDefault(a.CityCode, a.CityCode),
            "district" => a.DistrictCode is { } d ? names.GetValueOrDefault(d, d) : "",
            _ => a.Directory[c.Key]?.ToString() ?? "",
        }).ToList()).ToList();
        return new DirectoryPage(program, directory, rows, Time.BeijingTime.Today(clock));
    }
}
