using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// What the module's own rules compute from an obligation filing for its reviewers and experts (seed 004: the KPI count
/// with a PCT national phase entry counting twice, against the program's target), from the filing's answers and the
/// program's settings.
/// </summary>
public sealed class FilingFindings(IEnumerable<IAwardRules> rules, Microsoft.EntityFrameworkCore.DbContext db)
{
    public async Task<IReadOnlyList<Finding>> OfAsync(ApplicationView filing, CancellationToken ct = default)
    {
        if (filing.Application.ObligationKey is not { } key || filing.Application.AwardId is not { } awardId
            || rules.FirstOrDefault(r => r.ModuleId == filing.Program.ModuleId) is not { } moduleRules)
        {
            return [];
        }

        var award = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Set<Award>()), a => a.Id == awardId, ct);
        return moduleRules.Findings(key, filing.Application.Answers, filing.Settings, award);
    }
}
