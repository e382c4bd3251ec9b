using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>What an obligation filing owes: the module's declaration of the obligation and the award's status.</summary>
public sealed class OwedObligations(DbContext db, AwardDeclarations declarations) : IOwedObligations
{
    public async Task<OwedObligation?> FindAsync(Application filing, ProgramInstance program, CancellationToken ct)
    {
        if (filing.ObligationKey is not { } key || filing.AwardId is not { } awardId)
        {
            return null;
        }

        var obligation = (await declarations.FindAsync(program.ModuleId, ct))?.Obligation(key);
        var status = await db.Set<Award>().AsNoTracking().Where(a => a.Id == awardId).Select(a => (AwardStatus?)a.Status).FirstOrDefaultAsync(ct);
        return new OwedObligation(obligation?.Title, obligation?.Filer == ObligationDeclaration.City, obligation?.PassMark,
            status is not { } s || AwardStatusNames.IsActive(s), status is { } known ? known.ToChinese() : "");
    }

    public async Task<System.Text.Json.Nodes.JsonObject?> WinningAnswersAsync(Guid awardId, CancellationToken ct) =>
        await (from award in db.Set<Award>().AsNoTracking()
               where award.Id == awardId
               join won in db.Set<Application>().AsNoTracking() on award.ApplicationId equals won.Id
               select won.Answers).FirstOrDefaultAsync(ct);
}
