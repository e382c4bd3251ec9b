using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// The timer job's part for awards: an award whose period has run out expires when its module says so (seed 000's
/// cultivation, seed 002's filing unless renewed before) — but not while the end-of-period check it filed is still
/// being reviewed (a renewal filed on its last day is decided, not lost to the clock); and what an ended award still
/// owes but has not filed (or has been returned to correct) is closed by its chain's <c>awardEnded</c> action. One
/// indexed query each, in batches.
/// </summary>
public sealed class EndAwardsByTheClock(
    DbContext db, AwardDeclarations declarations, EndAward endings, LoadApplication applications, ActOnApplication act, WorkflowEngine engine,
    Caching.PublicPageCache publicPages, ILogger<EndAwardsByTheClock> logger, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<(int Expired, int Closed)> RunAsync(CancellationToken ct = default) =>
        (await ExpireAsync(ct), await CloseObligationsAsync(ct));

    private async Task<int> ExpireAsync(CancellationToken ct)
    {
        var declared = (await declarations.AllAsync(ct)).Where(d => d.Value.AtPeriodEnd == AwardDeclaration.Expire).ToList();
        if (declared.Count == 0)
        {
            return 0;
        }

        var expiring = declared.Select(d => d.Key).ToList();
        var endChecks = declared.SelectMany(d => d.Value.ObligationList).Where(o => o.Due.Kind == ObligationDue.PeriodEnd).Select(o => o.Key).Distinct().ToList();
        var today = BeijingTime.Today(clock);
        var programs = db.Set<ProgramInstance>().Where(p => expiring.Contains(p.ModuleId)).Select(p => p.Id);
        var due = await db.Set<Award>().Where(a => AwardStatusNames.Active.Contains(a.Status) && a.EndDate < today && programs.Contains(a.ProgramId)
                && !db.Set<Application>().Any(f => f.AwardId == a.Id && f.Status == ApplicationStatus.Submitted && endChecks.Contains(f.ObligationKey!)))
            .OrderBy(a => a.EndDate).Take(Batch).ToListAsync(ct);
        foreach (var award in due)
        {
            endings.Stage(award, AwardStatus.Expired, $"{award.PeriodLabel}于{award.EndDate:yyyy年M月d日}届满", WorkflowActor.System, null);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        if (!await engine.SaveAsync(ct))
        {
            logger.LogInformation("Award expiry lost to a concurrent change; the next run retries");
            return 0;
        }

        await publicPages.InvalidateAsync();   // an expired award leaves the public directories
        return due.Count;
    }

    private async Task<int> CloseObligationsAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var open = await (
            from a in db.Set<Application>().AsNoTracking()
            join w in db.Set<Award>() on a.AwardId equals w.Id
            join i in db.Set<WorkflowInstance>() on a.Id equals i.SubjectId
            where a.Kind == ApplicationKind.Obligation && !AwardStatusNames.Active.Contains(w.Status)
                  && (i.Phase == WorkflowPhase.Draft || i.Phase == WorkflowPhase.Returned)
            orderby a.Id
            select a.Id).Take(Batch).ToListAsync(ct);
        var closed = 0;
        foreach (var id in open)
        {
            db.ChangeTracker.Clear();
            if (await applications.FindForSystemAsync(id, ct) is { } view
                && view.Workflow.ActionsFrom(view.Instance.State).FirstOrDefault(a => a.Trigger == WorkflowRoles.AwardEndedTrigger) is { } close
                && (await act.ActAsync(view, close.Key, WorkflowActor.System, [], ct)).Succeeded)
            {
                closed++;
            }
        }

        return closed;
    }
}
