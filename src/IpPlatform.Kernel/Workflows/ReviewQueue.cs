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
        var filtered = Filter(visible, filter, todo);
        var counts = await Filter(visible, filter with { State = null }, todo).GroupBy(i => i.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = counts.Sum(c => c.Count);
        var totalFiltered = filter.State is null ? total : counts.FirstOrDefault(c => c.Key == filter.State)?.Count ?? 0;
        var pages = Math.Max(1, (totalFiltered + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsAsync(Sorted(filtered, filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var labels = Labels(definitions);
        return new QueuePage(rows, totalFiltered, page, pages,
            counts.OrderByDescending(c => c.Count).Select(c => (c.Key, labels.GetValueOrDefault(c.Key, c.Key), c.Count)).ToList(),
            todo is null ? 0 : await visible.Where(todo).CountAsync(ct));
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
    /// covers. Built from the stored definitions, as one predicate the database evaluates.
    /// </summary>
    private static Expression<Func<WorkflowInstance, bool>>? Todo(WorkflowActor actor, IReadOnlyList<WorkflowVersion> definitions)
    {
        var i = Expression.Parameter(typeof(WorkflowInstance), "i");
        Expression? any = null;
        foreach (var used in definitions.Select(d => new { WorkflowKey = d.Key, WorkflowVersion = d.Version, d.Definition }))
        {
            var definition = used.Definition;
            foreach (var action in definition.Actions.Where(a => !a.BySystem && !a.ByApplicant))
            {
                foreach (var grant in actor.Grants)
                {
                    var column = action.Scope switch { "district" => "DistrictCode", "city" => "CityCode", "owner" => "OwnerAuthority", _ => null };
                    var reaches = action.Roles.Contains(grant.Role) || grant is { Role: "provinceReviewer", Authority: WorkflowActor.ProvinceAuthority };
                    if (!reaches || (column is null && grant.Authority != WorkflowActor.ProvinceAuthority))
                    {
                        continue;
                    }

                    Expression clause = Expression.AndAlso(
                        Expression.AndAlso(
                            Expression.Equal(Expression.Property(i, nameof(WorkflowInstance.WorkflowKey)), Expression.Constant(used.WorkflowKey)),
                            Expression.Equal(Expression.Property(i, nameof(WorkflowInstance.WorkflowVersion)), Expression.Constant(used.WorkflowVersion))),
                        Expression.Call(Expression.Constant(action.From.ToList()), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!,
                            Expression.Property(i, nameof(WorkflowInstance.State))));
                    if (column is not null)
                    {
                        // The same rule as WorkflowActor.GrantFor: the grant's authority is the one the scope names.
                        clause = Expression.AndAlso(clause,
                            Expression.Equal(Expression.Property(i, column), Expression.Constant(grant.Authority, typeof(string))));
                    }

                    any = any is null ? clause : Expression.OrElse(any, clause);
                }
            }
        }

        return any is null ? null : Expression.Lambda<Func<WorkflowInstance, bool>>(any, i);
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
