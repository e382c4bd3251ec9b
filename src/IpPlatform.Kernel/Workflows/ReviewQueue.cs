using System.Linq.Expressions;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Workflows;

public enum QueueSort
{
    Submitted,
    Updated,
    Deadline,
    Organisation,
}

/// <summary>A work-queue request; every filter is optional. <see cref="Todo"/> keeps what the actor can act on now.</summary>
public sealed record QueueFilter(
    string? Program = null, string? Round = null, string? State = null, string? City = null, string? District = null, bool Overdue = false,
    bool Todo = false, QueueSort Sort = QueueSort.Submitted, bool Descending = true, int Page = 1);

public sealed record QueueRow(
    Guid ApplicationId, string Organisation, string CityCode, string? DistrictCode, string Program, string Round, string State, string StateLabel,
    WorkflowPhase Phase, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, DateOnly? Deadline, bool Overdue, string WorkflowKey, int WorkflowVersion);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total, int Page, int Pages, IReadOnlyList<(string State, string Label, int Count)> Counts, int Todo);

/// <summary>
/// The review queues: submitted applications within the actor's scope (province: all; a city: its own and its districts';
/// a district: its own; the authority running a program: that program's), filtered, counted, sorted and paged in the
/// database. Drafts are the applicant's own and never listed.
/// </summary>
public sealed class ReviewQueue(DbContext db, WorkflowStore workflows, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 10_000;

    public async Task<QueuePage> PageAsync(WorkflowActor actor, QueueFilter filter, CancellationToken ct = default)
    {
        var visible = Visible(actor);
        var definitions = await DefinitionsAsync(ct);
        var todo = Todo(actor, definitions);

        // One pass for the counts by state, each with how many wait for this actor (the filters other than state apply).
        var counts = await Filter(visible, filter with { State = null, Todo = false }, todo).GroupBy(i => i.State).Select(CountsBy(todo)).ToListAsync(ct);
        int Shown(StateCount c) => filter.Todo ? c.Mine : c.All;
        var totalFiltered = counts.Where(c => filter.State is null || c.State == filter.State).Sum(Shown);
        var pages = Math.Max(1, (totalFiltered + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsAsync(Sorted(Filter(visible, filter, todo), filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var labels = Labels(definitions);
        return new QueuePage(rows, totalFiltered, page, pages,
            counts.Where(c => Shown(c) > 0).OrderByDescending(Shown).Select(c => (c.State, labels.GetValueOrDefault(c.State, c.State), Shown(c))).ToList(),
            counts.Sum(c => c.Mine));
    }

    private sealed record StateCount(string State, int All, int Mine);

    /// <summary>g => new StateCount(g.Key, g.Count(), g.Count(todo)): the "todo" predicate is composed into the aggregate.</summary>
    private static Expression<Func<IGrouping<string, WorkflowInstance>, StateCount>> CountsBy(Expression<Func<WorkflowInstance, bool>>? todo)
    {
        var g = Expression.Parameter(typeof(IGrouping<string, WorkflowInstance>), "g");
        var all = Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(WorkflowInstance)], g);
        Expression mine = todo is null ? Expression.Constant(0) : Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(WorkflowInstance)], g, todo);
        var body = Expression.New(typeof(StateCount).GetConstructors()[0], Expression.Property(g, nameof(IGrouping<string, WorkflowInstance>.Key)), all, mine);
        return Expression.Lambda<Func<IGrouping<string, WorkflowInstance>, StateCount>>(body, g);
    }

    /// <summary>Every row of the filtered list (up to <see cref="MaxExportRows"/>), for the exports.</summary>
    public async Task<IReadOnlyList<QueueRow>> AllAsync(WorkflowActor actor, QueueFilter filter, CancellationToken ct = default)
    {
        var visible = Visible(actor);
        var todo = Todo(actor, await DefinitionsAsync(ct));
        return await RowsAsync(Sorted(Filter(visible, filter, todo), filter).Take(MaxExportRows), ct);
    }

    /// <summary>Every stored definition version (a small table; the versions themselves come from the cache).</summary>
    private async Task<IReadOnlyList<WorkflowVersion>> DefinitionsAsync(CancellationToken ct)
    {
        var result = new List<WorkflowVersion>();
        foreach (var version in await db.Set<WorkflowVersion>().AsNoTracking().Select(v => new { v.Key, v.Version }).ToListAsync(ct))
        {
            result.Add((await workflows.FindAsync(version.Key, version.Version, ct))!);
        }

        return result;
    }

    /// <summary>State labels across definitions (a key keeps the first label found; the chains agree on shared keys).</summary>
    private static Dictionary<string, string> Labels(IReadOnlyList<WorkflowVersion> definitions)
    {
        var labels = new Dictionary<string, string>();
        foreach (var state in definitions.SelectMany(d => d.Definition.States))
        {
            labels.TryAdd(state.Key, state.Label);
        }

        return labels;
    }

    private IQueryable<WorkflowInstance> Visible(WorkflowActor actor)
    {
        var authorities = actor.Grants.Where(g => WorkflowRoles.Reviewers.Contains(g.Role)).Select(g => g.Authority).Distinct().ToList();
        var query = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubmittedAt != null);
        if (actor.OrganisationId is not null || authorities.Count == 0)
        {
            return query.Where(i => false);
        }

        return authorities.Contains(WorkflowActor.ProvinceAuthority) ? query
            : query.Where(i => authorities.Contains(i.CityCode) || (i.DistrictCode != null && authorities.Contains(i.DistrictCode)) || authorities.Contains(i.OwnerAuthority));
    }

    /// <summary>
    /// "Waiting for me": instances in a state where one of the actor's grants has an action, for the scope that grant
    /// covers (the same rule as <see cref="WorkflowActor.GrantFor"/>). Built from the stored definitions as four lists
    /// the database matches ("key@version:state|authority" per scope column), so the predicate stays small.
    /// </summary>
    private static Expression<Func<WorkflowInstance, bool>>? Todo(WorkflowActor actor, IReadOnlyList<WorkflowVersion> definitions)
    {
        var (district, city, owner, anywhere) = (new ScopeMatch(), new ScopeMatch(), new ScopeMatch(), new ScopeMatch());
        foreach (var version in definitions)
        {
            foreach (var action in version.Definition.Actions.Where(a => !a.BySystem && !a.ByApplicant))
            {
                foreach (var grant in actor.Grants)
                {
                    var reaches = action.Roles.Contains(grant.Role) || grant is { Role: "provinceReviewer", Authority: WorkflowActor.ProvinceAuthority };
                    foreach (var state in reaches ? action.From : [])
                    {
                        var match = action.Scope switch
                        {
                            "district" => district, "city" => city, "owner" => owner,
                            "province" when grant.Authority == WorkflowActor.ProvinceAuthority => anywhere,
                            _ => null,
                        };
                        match?.Add(version, state, action.Scope == "province" ? "" : grant.Authority);
                    }
                }
            }
        }

        if (district.Empty && city.Empty && owner.Empty && anywhere.Empty)
        {
            return null;
        }

        // The state and authority tests come first and are cheap (indexed); the exact key is built only for rows passing them.
        return i => (district.States.Contains(i.State) && district.Authorities.Contains(i.DistrictCode!)
                && district.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.DistrictCode))
            || (city.States.Contains(i.State) && city.Authorities.Contains(i.CityCode)
                && city.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.CityCode))
            || (owner.States.Contains(i.State) && owner.Authorities.Contains(i.OwnerAuthority)
                && owner.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.OwnerAuthority))
            || (anywhere.States.Contains(i.State) && anywhere.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|"));
    }

    /// <summary>For one scope column: the states and authorities that may match, and the exact "key@version:state|authority" keys.</summary>
    private sealed class ScopeMatch
    {
        public List<string> States { get; } = [];

        public List<string> Authorities { get; } = [];

        public List<string> Keys { get; } = [];

        public bool Empty => Keys.Count == 0;

        public void Add(WorkflowVersion version, string state, string authority)
        {
            States.Add(state);
            Authorities.Add(authority);
            Keys.Add($"{version.Key}@{version.Version}:{state}|{authority}");
        }
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

        if (filter.Overdue)
        {
            var now = clock.GetUtcNow();
            query = query.Where(i => i.DueAt != null && i.DueAt <= now && i.Phase == WorkflowPhase.Returned);
        }

        if (filter.Todo)
        {
            query = todo is null ? query.Where(i => false) : query.Where(todo);
        }

        return query;
    }

    private static IQueryable<WorkflowInstance> Sorted(IQueryable<WorkflowInstance> query, QueueFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (QueueSort.Updated, true) => query.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id),
        (QueueSort.Updated, false) => query.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
        (QueueSort.Deadline, true) => query.OrderByDescending(i => i.Deadline).ThenBy(i => i.Id),
        (QueueSort.Deadline, false) => query.OrderBy(i => i.Deadline).ThenBy(i => i.Id),
        (QueueSort.Organisation, true) => query.OrderByDescending(i => i.OrganisationName).ThenBy(i => i.Id),
        (QueueSort.Organisation, false) => query.OrderBy(i => i.OrganisationName).ThenBy(i => i.Id),
        (_, true) => query.OrderByDescending(i => i.SubmittedAt).ThenBy(i => i.Id),
        _ => query.OrderBy(i => i.SubmittedAt).ThenBy(i => i.Id),
    };

    private async Task<IReadOnlyList<QueueRow>> RowsAsync(IQueryable<WorkflowInstance> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (
            from i in query
            join p in db.Set<ProgramInstance>() on i.ProgramId equals p.Id
            join r in db.Set<Round>() on i.RoundId equals r.Id
            select new { i, Program = p.Name, Round = r.Title }).ToListAsync(ct);
        var result = new List<QueueRow>(rows.Count);
        foreach (var row in rows)
        {
            var definition = (await workflows.FindAsync(row.i.WorkflowKey, row.i.WorkflowVersion, ct))!.Definition;
            result.Add(new QueueRow(row.i.SubjectId, row.i.OrganisationName, row.i.CityCode, row.i.DistrictCode, row.Program, row.Round, row.i.State,
                definition.State(row.i.State)?.Label ?? row.i.State, row.i.Phase, row.i.SubmittedAt, row.i.UpdatedAt, row.i.Deadline,
                row.i.Phase == WorkflowPhase.Returned && row.i.DueAt <= now, row.i.WorkflowKey, row.i.WorkflowVersion));
        }

        return result;
    }
}
