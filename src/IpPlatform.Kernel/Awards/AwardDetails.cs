using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>One occurrence of an obligation as lists show it: what, for which period, from when and by when, where it stands.</summary>
public sealed record ObligationItem(
    Guid FilingId, string Key, string Title, string PeriodLabel, DateOnly? OpensOn, DateOnly? DueOn, string State, string StateLabel, WorkflowPhase Phase,
    bool Open, bool Overdue, DateTimeOffset? SubmittedAt, string Filer);

public sealed record AwardView(
    Award Award, ProgramInstance Program, AwardDeclaration Declaration, IReadOnlyList<AwardEvent> Events, IReadOnlyList<ObligationItem> Obligations,
    IReadOnlyList<Ban> Bans, IReadOnlyList<CreditRecord> Credit, System.Text.Json.Nodes.JsonObject Settings)
{
    /// <summary>What the awardee may open itself when something happens (change reports, a request to terminate).</summary>
    public IEnumerable<ObligationDeclaration> OnRequest => Declaration.ObligationList.Where(o => o.Due.Kind == ObligationDue.OnRequest && o.Filer == ObligationDeclaration.Applicant);

    /// <summary>The working days the program allows for an on-request report (its own setting), or null when open-ended.</summary>
    public int? WorkingDays(ObligationDeclaration obligation) => ValueExpression.Int(obligation.Due.WorkingDays, Settings);
}

/// <summary>
/// An award with everything its pages show: the program and its declaration, the hash-chained events, every obligation
/// occurrence and where it stands, the bans and credit records it caused. For staff only within their scope; for an
/// organisation only its own.
/// </summary>
public sealed class AwardDetails(DbContext db, AwardDeclarations declarations, WorkflowStore workflows, ModuleCatalog modules, TimeProvider clock)
{
    public async Task<AwardView?> ForStaffAsync(Guid id, WorkflowActor actor, CancellationToken ct = default)
    {
        var award = await db.Set<Award>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return award is null || actor.OrganisationId is not null || !actor.CanSee(award) ? null : await ViewAsync(award, ct);
    }

    public async Task<IReadOnlyList<AwardView>> ForOrganisationAsync(Guid organisationId, CancellationToken ct = default)
    {
        var awards = await db.Set<Award>().AsNoTracking().Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.CreatedAt).ToListAsync(ct);
        var views = new List<AwardView>();
        foreach (var award in awards)
        {
            if (await ViewAsync(award, ct) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }

    /// <summary>The bans in force on an organisation (any module), newest first, for its own page.</summary>
    public async Task<IReadOnlyList<Ban>> BansInForceAsync(Guid organisationId, CancellationToken ct = default)
    {
        var today = BeijingTime.Today(clock);
        return await db.Set<Ban>().AsNoTracking().Where(b => b.OrganisationId == organisationId && b.EndsOn >= today).OrderByDescending(b => b.EndsOn).ToListAsync(ct);
    }

    /// <summary>An organisation's credit records and bans (all modules), for the reviewers of its later applications.</summary>
    public async Task<(IReadOnlyList<CreditRecord> Credit, IReadOnlyList<Ban> Bans)> RecordOfAsync(Guid organisationId, CancellationToken ct = default) =>
        (await db.Set<CreditRecord>().AsNoTracking().Where(c => c.OrganisationId == organisationId).OrderByDescending(c => c.RecordedAt).ToListAsync(ct),
         await db.Set<Ban>().AsNoTracking().Where(b => b.OrganisationId == organisationId).OrderByDescending(b => b.EndsOn).ToListAsync(ct));

    private async Task<AwardView?> ViewAsync(Award award, CancellationToken ct)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == award.ProgramId, ct);
        if (await declarations.FindAsync(program.ModuleId, ct) is not { } declaration)
        {
            return null;
        }

        var events = await db.Set<AwardEvent>().AsNoTracking().Where(e => e.AwardId == award.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var filings = await (
            from f in db.Set<Application>().AsNoTracking()
            where f.AwardId == award.Id
            join i in db.Set<WorkflowInstance>() on f.Id equals i.SubjectId
            select new { f, i }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var items = new List<ObligationItem>();
        foreach (var x in filings.OrderBy(x => x.f.DueOn ?? DateOnly.MaxValue).ThenBy(x => x.f.CreatedAt))
        {
            var definition = (await workflows.FindAsync(x.i.WorkflowKey, x.i.WorkflowVersion, ct))!.Definition;
            var obligation = declaration.Obligation(x.f.ObligationKey!);
            items.Add(new ObligationItem(x.f.Id, x.f.ObligationKey!, obligation?.Title ?? x.f.ObligationKey!, x.f.PeriodLabel ?? "", x.f.OpensOn, x.f.DueOn, x.i.State,
                definition.State(x.i.State)?.Label ?? x.i.State, x.i.Phase, x.f.OpensOn is not { } opens || opens <= today,
                x.i.Phase == WorkflowPhase.Draft && x.i.DueAt is { } due && due <= now, x.i.SubmittedAt, obligation?.Filer ?? ObligationDeclaration.Applicant));
        }

        var bans = await db.Set<Ban>().AsNoTracking().Where(b => b.AwardId == award.Id).ToListAsync(ct);
        var credit = await db.Set<CreditRecord>().AsNoTracking().Where(c => c.AwardId == award.Id).OrderBy(c => c.RecordedAt).ToListAsync(ct);
        return new AwardView(award, program, declaration, events, items, bans, credit, modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings);
    }
}
