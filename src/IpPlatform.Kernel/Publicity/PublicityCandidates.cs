using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>The applications of a round that can be put on a 公示 (待公示): shown to choose from, and checked when one opens.</summary>
public sealed class PublicityCandidates(DbContext db, LoadApplication applications)
{
    /// <summary>Applications of a round this actor may put on a 公示 now: in scope, in a state whose chain opens a 公示 from it.</summary>
    public async Task<IReadOnlyList<ApplicationView>> CandidatesAsync(string roundKey, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        if (round is null)
        {
            return [];
        }

        var listed = db.Set<PublicNoticeEntry>().Where(e => !e.Withdrawn).Select(e => e.ApplicationId);
        var ids = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.RoundId == round.Id && i.SubmittedAt != null && !listed.Contains(i.SubjectId)).Select(i => i.SubjectId).ToListAsync(ct);
        var result = new List<ApplicationView>();
        foreach (var id in ids)
        {
            if (await applications.FindForStaffAsync(id, actor, ct, withFiles: false) is { } view && Opens(view) is not null && ManagesProgram(view, actor))
            {
                result.Add(view);
            }
        }

        return result.OrderBy(v => v.Instance.OrganisationName, StringComparer.Ordinal).ToList();
    }

    private static WorkflowAction? Opens(ApplicationView view) =>
        view.Workflow.ActionsFrom(view.Instance.State).FirstOrDefault(a => a.Trigger == WorkflowRoles.PublicityOpenedTrigger);

    private static bool ManagesProgram(ApplicationView view, WorkflowActor actor) =>
        actor.ReviewsAt(view.Program.OwnerAuthorityCode);
}
