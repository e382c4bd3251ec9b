using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Gives every application (申报书) without a review instance its instance (applications begun before review chains
/// existed, or written by a data import): a draft starts at the beginning; anything already submitted is placed where
/// its submission leads, with a system entry saying so. Run at start-up, before the site serves.
/// </summary>
public sealed class StartMissingInstances(DbContext db, IApplicantDirectory applicants, StartReviewInstance instances)
{
    public async Task<int> StartMissingInstancesAsync(CancellationToken ct = default)
    {
        var missing = await db.Set<Application>().Where(a => !db.Set<WorkflowInstance>().Any(i => i.SubjectId == a.Id)).ToListAsync(ct);
        var started = 0;
        foreach (var application in missing)
        {
            var round = await db.Set<Round>().AsNoTracking().FirstAsync(r => r.Id == application.RoundId, ct);
            var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == application.ProgramId, ct);
            DateTimeOffset? submittedAt = application.Status == ApplicationStatus.Draft ? null : application.SubmittedAt ?? application.UpdatedAt;
            if (await applicants.FindAsync(application.OrganisationId, ct) is { } applicant
                && await instances.StartAsync(application, round, program, applicant, WorkflowActor.System, ct, submittedAt) is not null)
            {
                started++;
            }
        }

        await db.SaveChangesAsync(ct);
        return started;
    }
}
