using System.Linq.Expressions;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Queues;

public enum QueueSort
{
    Submitted,
    Updated,
    Deadline,
    Organisation,
}

/// <summary>
/// A work-queue request; every filter is optional. <see cref="Todo"/> keeps what the actor can act on now; <see cref="Kind"/>
/// keeps applications or obligations; <see cref="DueThisMonth"/> keeps obligations due by the end of this month, not yet filed.
/// </summary>
public sealed record QueueFilter(
    string? Program = null, string? Round = null, string? State = null, string? City = null, string? District = null, bool Overdue = false,
    bool Todo = false, QueueSort Sort = QueueSort.Submitted, bool Descending = true, int Page = 1,
    ApplicationKind? Kind = null, bool DueThisMonth = false);

/// <param name="Round">The round's title; for an obligation, what is owed and for which period (年度工作报告 · 2027年度).</param>
public sealed record QueueRow(
    Guid ApplicationId, string Organisation, string CityCode, string? DistrictCode, string Program, string Round, string State, string StateLabel,
    WorkflowPhase Phase, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, DateOnly? Deadline, bool Overdue, string WorkflowKey, int WorkflowVersion,
    ApplicationKind Kind = ApplicationKind.Application);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total, int Page, int Pages, IReadOnlyList<(string State, string Label, int Count)> Counts, int Todo);

/// <summary>
/// The review queues: submitted applications, and the obligations of awards (filed or still due), within the actor's
/// scope (province: all; a city: its own and its districts'; a district: its own; the authority running a program: that
/// program's), filtered, counted, sorted and paged in the database. Application drafts are the applicant's own and never
/// listed.
/// </summary>
public sealed class ReviewQueue(DbContext db, WorkflowStore workflows, AwardDeclarations declarations, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 10_000;

    public async Task<QueuePage> PageAsync(WorkflowActor actor, QueueFilter filter, CancellationToken ct = default)
    {
        var visible = Visible(actor);
        var definitions = await workflows.AllVersionsAsync(ct);
        var scopes = TodoScope.For(actor, definitions);
        var todo = scopes.Expression();

        // The counts by state, each with how many wait for this actor (the filters other than state apply): the database
        // counts per chain version, state and scope columns (a few hundred groups however many rows), and "waiting for me"
        // is decided per group here, by the same rule as the todo filter — no per-row key building in SQL.
        var groups = await Filter(visible, filter with { State = null, Todo = false }, todo)
            .GroupBy(i => new { i.WorkflowKey, i.WorkflowVersion, i.State, i.CityCode, i.DistrictCode, i.OwnerAuthority })
            .Select(g => new { g.Key.WorkflowKey, g.Key.WorkflowVersion, g.Key.State, g.Key.CityCode, g.Key.DistrictCode, g.Key.OwnerAuthority, Count = g.Count() })
            .ToListAsync(ct);
        var counts = groups.GroupBy(g => g.State).Select(s => new StateCount(s.Key, s.Sum(g => g.Count),
            s.Where(g => scopes.Matches(g.WorkflowKey, g.WorkflowVersion, g.State, g.CityCode, g.DistrictCode, g.OwnerAuthority)).Sum(g => g.Count))).ToList();
        int Shown(StateCount c) => filter.Todo ? c.Mine : c.All;
        var totalFiltered = counts.Where(c => filter.State is null || c.State == filter.State).Sum(Shown);
        var pages = Math.Max(1, (totalFiltered + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsAsync(Sorted(Filter(visible, filter, todo), filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var labels = WorkflowStore.StateLabels(definitions);
        return new QueuePage(rows, totalFiltered, page, pages,
            counts.Where(c => Shown(c) > 0).OrderByDescending(Shown).Select(c => (c.State, labels.GetValueOrDefault(c.State, c.State), Shown(c))).ToList(),
            counts.Sum(c => c.Mine));
    }

    private sealed record StateCount(string State, int All, int Mine);

    /// <summary>Every row of the filtered list (up to <see cref="MaxExportRows"/>), for the exports.</summary>
    public async Task<IReadOnlyList<QueueRow>> AllAsync(WorkflowActor actor, QueueFilter filter, CancellationToken ct = default)
    {
        var visible = Visible(actor);
        var todo = TodoScope.For(actor, await workflows.AllVersionsAsync(ct)).Expression();
        return await RowsAsync(Sorted(Filter(visible, filter, todo), filter).Take(MaxExportRows), ct);
    }

    private IQueryable<WorkflowInstance> Visible(WorkflowActor actor)
    {
        var query = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Listed);
        return actor.OrganisationId is not null ? query.Where(i => false) : query.Reached(actor);
    }


    private IQueryable<WorkflowInstance> Filter(IQueryable<WorkflowInstance> query, QueueFilter filter, Expression<Func<WorkflowInstance, bool>>? todo)
    {
        if (filter.Program is { } slug)
        {
            query = query.Where(i => db.Set<ProgramInstance>().Any(p => p.Id == i.ProgramId && p.Slug == slug));
        }

        if (filter.Round is { } round)
        {
            query = query.Where(i => db.Set<Round>().Any(r => r.Id == i.RoundId && r.Key == round));
        }

        if (filter.State is { } state)
        {
            query = query.Where(i => i.State == state);
        }

        if (filter.City is { } city)
        {
            query = query.Where(i => i.CityCode == city);
        }

        if (filter.District is { } district)
        {
            query = query.Where(i => i.DistrictCode == district);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (filter.Overdue)
        {
            query = query.Where(OverdueAt(clock.GetUtcNow()));
        }

        if (filter.DueThisMonth)
        {
            query = query.Where(DueThisMonth(BeijingTime.Today(clock)));
        }

        if (filter.Todo)
        {
            query = todo is null ? query.Where(i => false) : query.Where(todo);
        }

        return query;
    }

    /// <summary>Overdue: a correction past its deadline, or an obligation past its due date and not filed (the statistics count the same).</summary>
    public static Expression<Func<WorkflowInstance, bool>> OverdueAt(DateTimeOffset now) =>
        i => i.DueAt != null && i.DueAt <= now
            && (i.Phase == WorkflowPhase.Returned || (i.Kind == ApplicationKind.Obligation && i.Phase == WorkflowPhase.Draft));

    /// <summary>Due this month: an obligation not yet filed whose last day is from today to the end of this month (Beijing).</summary>
    public static Expression<Func<WorkflowInstance, bool>> DueThisMonth(DateOnly today)
    {
        var endOfMonth = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        return i => i.Kind == ApplicationKind.Obligation && i.Phase == WorkflowPhase.Draft
            && i.Deadline != null && i.Deadline >= today && i.Deadline <= endOfMonth;
    }

    private static IQueryable<WorkflowInstance> Sorted(IQueryable<WorkflowInstance> query, QueueFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (QueueSort.Updated, true) => query.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id),
        (QueueSort.Updated, false) => query.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
        (QueueSort.Deadline, true) => query.OrderByDescending(i => i.Deadline).ThenBy(i => i.Id),
        (QueueSort.Deadline, false) => query.OrderBy(i => i.Deadline).ThenBy(i => i.Id),
        (QueueSort.Organisation, true) => query.OrderByDescending(i => i.OrganisationName).ThenBy(i => i.Id),
        (QueueSort.Organisation, false) => query.OrderBy(i => i.OrganisationName).ThenBy(i => i.Id),
        // What was never submitted (an obligation not yet filed) comes after everything submitted, either way.
        (_, true) => query.OrderBy(i => i.SubmittedAt == null).ThenByDescending(i => i.SubmittedAt).ThenBy(i => i.Id),
        _ => query.OrderBy(i => i.SubmittedAt == null).ThenBy(i => i.SubmittedAt).ThenBy(i => i.Id),
    };

    private async Task<IReadOnlyList<QueueRow>> RowsAsync(IQueryable<WorkflowInstance> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (
            from i in query
            join p in db.Set<ProgramInstance>() on i.ProgramId equals p.Id
            join r in db.Set<Round>() on i.RoundId equals r.Id
            join a in db.Set<Application>() on i.SubjectId equals a.Id
            select new { i, Program = p.Name, p.ModuleId, Round = r.Title, a.ObligationKey, a.PeriodLabel }).ToListAsync(ct);
        var result = new List<QueueRow>(rows.Count);
        foreach (var row in rows)
        {
            var definition = (await workflows.FindAsync(row.i.WorkflowKey, row.i.WorkflowVersion, ct))!.Definition;
            var what = row.ObligationKey is { } key
                ? $"{(await declarations.FindAsync(row.ModuleId, ct))?.Obligation(key)?.Title ?? key} · {row.PeriodLabel}"
                : row.Round;
            var overdue = row.i.DueAt <= now && (row.i.Phase == WorkflowPhase.Returned
                || (row.i.Kind == ApplicationKind.Obligation && row.i.Phase == WorkflowPhase.Draft));
            result.Add(new QueueRow(row.i.SubjectId, row.i.OrganisationName, row.i.CityCode, row.i.DistrictCode, row.Program, what, row.i.State,
                definition.State(row.i.State)?.Label ?? row.i.State, row.i.Phase, row.i.SubmittedAt, row.i.UpdatedAt, row.i.Deadline,
                overdue, row.i.WorkflowKey, row.i.WorkflowVersion, row.i.Kind));
        }

        return result;
    }
}
