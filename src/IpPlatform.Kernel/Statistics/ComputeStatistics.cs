using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Queues;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// The statistics of a program and round (or of all of them) as a reviewer may see them: trimmed to what their reviewer
/// roles reach by the review queue's own rule (province: all; a city: its own and its districts'; a district: its own;
/// the authority running a program: its program's), counted in the database — by state, city and district as the queue
/// counts, decisions and their working days from the histories, 公示, awards and their obligations. Nothing for an actor
/// without a reviewer role.
/// </summary>
public sealed class ComputeStatistics(
    DbContext db, WorkflowStore workflows, CalendarStore calendars, AuthorityNames names, TimeProvider clock)
{
    public async Task<RoundStatistics> RunAsync(WorkflowActor actor, StatisticsFilter filter, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var chains = await workflows.AllVersionsAsync(ct);
        var applications = Applications(db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Listed && i.Kind == ApplicationKind.Application), actor, filter);
        var groups = await applications
            .GroupBy(i => new { i.WorkflowKey, i.WorkflowVersion, i.State, i.Phase, i.CityCode, i.DistrictCode })
            .Select(g => new Group(g.Key.WorkflowKey, g.Key.WorkflowVersion, g.Key.State, g.Key.Phase, g.Key.CityCode, g.Key.DistrictCode, g.Count()))
            .ToListAsync(ct);
        var overdue = await applications.Where(ReviewQueue.OverdueAt(now))
            .GroupBy(i => new { i.CityCode, i.DistrictCode }).Select(g => new { g.Key.CityCode, g.Key.DistrictCode, Count = g.Count() }).ToListAsync(ct);
        var places = await names.PlacesAsync(ct);
        var labels = WorkflowStore.StateLabels(chains);

        var byState = groups.GroupBy(g => g.State)
            .Select(s => new StateFigure(s.Key, labels.GetValueOrDefault(s.Key, s.Key), s.First().Phase, s.Sum(g => g.Count)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
        PlaceFigure Place(string code, IEnumerable<Group> of, int overdueCount)
        {
            var list = of.ToList();
            int In(WorkflowPhase phase) => list.Where(g => g.Phase == phase).Sum(g => g.Count);
            return new PlaceFigure(code, places.GetValueOrDefault(code, code), list.Sum(g => g.Count), In(WorkflowPhase.Review), In(WorkflowPhase.Returned),
                In(WorkflowPhase.Approved), In(WorkflowPhase.Rejected), In(WorkflowPhase.Closed), overdueCount);
        }

        var byCity = groups.GroupBy(g => g.CityCode).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => Place(c.Key, c, overdue.Where(o => o.CityCode == c.Key).Sum(o => o.Count))).ToList();
        var byDistrict = groups.Where(g => g.DistrictCode is not null).GroupBy(g => g.DistrictCode!).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => Place(d.Key, d, overdue.Where(o => o.DistrictCode == d.Key).Sum(o => o.Count))).ToList();

        var index = WorkingDayIndex.Of(await calendars.GetAsync(ct));
        var decisions = await DecisionTimes.ReadAsync(db, actor, filter, chains, index, ct);
        var publicity = await AwardAndPublicityFigures.PublicityAsync(db, applications, ct);
        var awards = await AwardAndPublicityFigures.AwardsAsync(db, actor, filter,
            Applications(db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Kind == ApplicationKind.Obligation), actor, filter), now, BeijingTime.Today(clock), ct);
        var (round, timeline) = await SubmissionTimeline.ReadAsync(db, actor, filter, ct);
        return new RoundStatistics(now, byState, byCity, byDistrict, decisions, publicity, awards, round, timeline);
    }

    private sealed record Group(string WorkflowKey, int WorkflowVersion, string State, WorkflowPhase Phase, string CityCode, string? DistrictCode, int Count);

    /// <summary>Instances the actor's reviewer roles reach, of the chosen program and round.</summary>
    private IQueryable<WorkflowInstance> Applications(IQueryable<WorkflowInstance> query, WorkflowActor actor, StatisticsFilter filter)
    {
        query = query.Reached(actor);
        if (filter.Program is { } slug)
        {
            query = query.Where(i => db.Set<ProgramInstance>().Any(p => p.Id == i.ProgramId && p.Slug == slug));
        }

        if (filter.Round is { } round)
        {
            query = query.Where(i => db.Set<Round>().Any(r => r.Id == i.RoundId && r.Key == round));
        }

        return query;
    }
}
