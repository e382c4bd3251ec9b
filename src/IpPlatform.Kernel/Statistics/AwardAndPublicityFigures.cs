using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Publicity;
using IpPlatform.Kernel.Queues;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Statistics;

/// <summary>The 公示 and award figures of the statistics, each one grouped query.</summary>
internal static class AwardAndPublicityFigures
{
    /// <summary>The 公示 lists the applications were on (withdrawn after an upheld objection or not), and the objections raised against them by outcome.</summary>
    public static async Task<PublicityFigures> PublicityAsync(DbContext db, IQueryable<WorkflowInstance> applications, CancellationToken ct)
    {
        var ids = applications.Select(i => i.SubjectId);
        var listed = await db.Set<PublicNoticeEntry>().AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).GroupBy(_ => 1)
            .Select(g => new { Notices = g.Select(e => e.PublicNoticeId).Distinct().Count(), Listed = g.Count(), Withdrawn = g.Count(e => e.Withdrawn) })
            .ToListAsync(ct);
        var entries = listed.FirstOrDefault();
        var objections = await db.Set<Objection>().AsNoTracking().Where(o => ids.Contains(o.ApplicationId))
            .GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(ObjectionState state) => objections.Where(o => o.Key == state).Sum(o => o.Count);
        return new PublicityFigures(entries?.Notices ?? 0, entries?.Listed ?? 0, entries?.Withdrawn ?? 0, objections.Sum(o => o.Count),
            Of(ObjectionState.Open), Of(ObjectionState.Upheld), Of(ObjectionState.Dismissed));
    }

    /// <summary>
    /// The awards the actor sees (<see cref="AwardScope"/>) of the program and round, by status with their funds as recorded
    /// on the award; and of <paramref name="obligations"/> (already trimmed to scope and filter) those due this month and
    /// those overdue, by the review queue's own rules.
    /// </summary>
    public static async Task<AwardFigures> AwardsAsync(
        DbContext db, WorkflowActor actor, StatisticsFilter filter, IQueryable<WorkflowInstance> obligations, DateTimeOffset now, DateOnly today,
        CancellationToken ct)
    {
        var awards = db.Set<Award>().AsNoTracking().VisibleTo(actor);
        if (filter.Program is { } slug)
        {
            awards = awards.Where(a => db.Set<ProgramInstance>().Any(p => p.Id == a.ProgramId && p.Slug == slug));
        }

        if (filter.Round is { } round)
        {
            awards = awards.Where(a => db.Set<Round>().Any(r => r.Id == a.RoundId && r.Key == round));
        }

        var byStatus = await awards.GroupBy(a => a.Status).Select(g => new
        {
            g.Key, Count = g.Count(), Granted = g.Sum(a => a.FundsGranted ?? 0), Disbursed = g.Sum(a => a.FundsDisbursed ?? 0),
            Clawed = g.Sum(a => a.FundsClawedBack ?? 0),
        }).ToListAsync(ct);
        var dueThisMonth = await obligations.CountAsync(ReviewQueue.DueThisMonth(today), ct);
        var overdue = await obligations.CountAsync(ReviewQueue.OverdueAt(now), ct);
        return new AwardFigures(byStatus.OrderBy(s => s.Key).Select(s => (s.Key, s.Count)).ToList(),
            byStatus.Sum(s => s.Granted), byStatus.Sum(s => s.Disbursed), byStatus.Sum(s => s.Clawed), dueThisMonth, overdue);
    }
}
