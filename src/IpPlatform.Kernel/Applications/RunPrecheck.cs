using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>The pre-check (申报前自查) of a round for an organisation: the profile checks of the round's program.</summary>
public sealed class RunPrecheck(DbContext db, IApplicantDirectory applicants, CheckEligibility eligibility)
{
    /// <summary>The profile checks of the round's program for an organisation (answers-based rules are marked for submit).</summary>
    public async Task<Precheck?> PrecheckAsync(
        string roundKey, Guid organisationId, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        var applicant = await applicants.FindAsync(organisationId, ct);
        if (round is null || applicant is null)
        {
            return null;
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        return new Precheck(round, program, applicant, await eligibility.RunAsync(program, applicant, null, ct));
    }
}
