using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

public sealed record AwardFilter(string? Program = null, string? Round = null, AwardStatus? Status = null, string? City = null, string? District = null, int Page = 1);

public sealed record AwardRow(
    Guid Id, string Organisation, string Title, string Program, string Round, string CityCode, string? DistrictCode, AwardStatus Status,
    DateOnly StartDate, DateOnly EndDate, string? DocumentNumber, decimal? FundsGranted, decimal? FundsDisbursed, decimal? FundsClawedBack, int OverdueObligations);

public sealed record AwardListPage(
    IReadOnlyList<AwardRow> Rows, int Total, int Page, int Pages, IReadOnlyList<(AwardStatus Status, int Count)> Counts,
    decimal Granted, decimal Disbursed, decimal ClawedBack);

/// <summary>
/// The awards a reviewer may see (<see cref="AwardScope"/>), filtered by program, round, status, city and district, with the
/// counts by status, the funds granted, disbursed and clawed back in the filtered list, and how many obligations of each
/// award are overdue; paged in the database, or whole for the xlsx export.
/// </summary>
public sealed class AwardList(DbContext db, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 10_000;

    public async Task<AwardListPage> PageAsync(WorkflowActor actor, AwardFilter filter, CancellationToken ct = default)
    {
        var scoped = Filter(db.Set<Award>().AsNoTracking().VisibleTo(actor), filter with { Status = null });
        var counts = await scoped.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var listed = filter.Status is { } status ? scoped.Where(a => a.Status == status) : scoped;
        var sums = await listed.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(), Granted = g.Sum(a => a.FundsGranted ?? 0), Disbursed = g.Sum(a => a.FundsDisbursed ?? 0), Clawed = g.Sum(a => a.FundsClawedBack ?? 0),
        }).SingleOrDefaultAsync(ct);   // one group at most (none when nothing is listed)
        var total = sums?.Total ?? 0;
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsAsync(listed.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new AwardListPage(rows, total, page, pages, counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Count)).ToList(),
            sums?.Granted ?? 0, sums?.Disbursed ?? 0, sums?.Clawed ?? 0);
    }

    public Task<IReadOnlyList<AwardRow>> AllAsync(WorkflowActor actor, AwardFilter filter, CancellationToken ct = default) =>
        RowsAsync(Filter(db.Set<Award>().AsNoTracking().VisibleTo(actor), filter).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(MaxExportRows), ct);

    private IQueryable<Award> Filter(IQueryable<Award> query, AwardFilter filter)
    {
        if (filter.Program is { } slug)
        {
            query = query.Where(a => db.Set<ProgramInstance>().Any(p => p.Id == a.ProgramId && p.Slug == slug));
        }

        if (filter.Round is { } round)
        {
            query = query.Where(a => db.Set<Round>().Any(r => r.Id == a.RoundId && r.Key == round));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.City is { } city)
        {
            query = query.Where(a => a.CityCode == city);
        }

        if (filter.District is { } district)
        {
            query = query.Where(a => a.DistrictCode == district);
        }

        return query;
    }

    private async Task<IReadOnlyList<AwardRow>> RowsAsync(IQueryable<Award> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (
            from a in query
            join p in db.Set<ProgramInstance>() on a.ProgramId equals p.Id
            join r in db.Set<Round>() on a.RoundId equals r.Id
            select new
            {
                a, Program = p.Name, Round = r.Title,
                Overdue = db.Set<Application>().Count(f => f.AwardId == a.Id
                    && db.Set<WorkflowInstance>().Any(i => i.SubjectId == f.Id && i.Phase == WorkflowPhase.Draft && i.DueAt != null && i.DueAt <= now)),
            }).ToListAsync(ct);
        return rows.Select(x => new AwardRow(x.a.Id, x.a.OrganisationName, x.a.Title, x.Program, x.Round, x.a.CityCode, x.a.DistrictCode, x.a.Status,
            x.a.StartDate, x.a.EndDate, x.a.DocumentNumber, x.a.FundsGranted, x.a.FundsDisbursed, x.a.FundsClawedBack, x.Overdue)).ToList();
    }
}
