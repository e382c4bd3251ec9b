using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

public sealed record AssignmentView(ExpertAssignment Assignment, WorkflowInstance Instance, string Program, string Round);

/// <summary>
/// Expert review (专家评审) while an application is in a state with a rubric (<see cref="WorkflowState.Scoring"/>): the
/// assignments of experts as the pages and the use cases that assign, declare and score see them — which rubric a
/// reviewer manages, which experts may score an application (never the applicant's own employer, optionally not from
/// its city), an expert's own assignments — and the staging and saving they share; everything audited.
/// </summary>
public sealed class ExpertAssignments(
    DbContext db, LoadApplication applications, WorkflowStore workflows, IExpertDirectory experts, IApplicantDirectory applicants, IOwedObligations owed,
    AuditLog audit, TimeProvider clock)
{
    public const int MaxComment = 1000;
    public const string ConflictMessage = "该评分表刚被修改过，本次保存未生效；请刷新后再试";

    /// <summary>The application's rubric now, when the actor may manage its expert review (null otherwise).</summary>
    public async Task<Rubric?> ManagedRubricAsync(ApplicationView view, WorkflowActor actor, CancellationToken ct = default) =>
        view.State.Scoring is { } key && WorkflowEngine.Available(view.Workflow, view.Instance, actor).Count > 0
            ? (await db.Set<RubricRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct))?.Definition
            : null;

    public async Task<IReadOnlyList<ExpertAssignment>> OfApplicationAsync(Guid applicationId, CancellationToken ct = default) =>
        await db.Set<ExpertAssignment>().AsNoTracking().Where(a => a.ApplicationId == applicationId).OrderBy(a => a.AssignedAt).ToListAsync(ct);

    /// <summary>
    /// Experts who may score this application: with a recorded employer (otherwise the own-organisation rule cannot be
    /// kept), employed neither by the applicant nor by any organisation named in its answers (e.g. a joint applicant),
    /// not already on it, and (when asked) not from its city.
    /// </summary>
    public async Task<IReadOnlyList<ExpertCandidate>> CandidatesAsync(WorkflowInstance instance, bool otherCityOnly, CancellationToken ct = default)
    {
        var organisations = await OrganisationsOfAsync(instance, ct);
        var taken = await db.Set<ExpertAssignment>().Where(a => a.ApplicationId == instance.SubjectId).Select(a => a.ExpertId).ToListAsync(ct);
        return (await experts.ListAsync(ct)).Where(e =>
            e.EmployerCreditCode is { Length: 18 } employer && !organisations.Contains(employer.ToUpperInvariant())
            && !taken.Contains(e.Id)
            && !(otherCityOnly && e.CityCode == instance.CityCode)).ToList();
    }

    /// <summary>
    /// The applicant's credit code and every credit code its answers name (joint applicants) — for a check an award
    /// obliges (seed 004's 验收考核), also those of the application that won the award: its joint applicant is as
    /// interested in the outcome as the awardee.
    /// </summary>
    private async Task<HashSet<string>> OrganisationsOfAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if ((await applicants.FindAsync(instance.OrganisationId, ct))?.CreditCode is { Length: > 0 } own)
        {
            codes.Add(own.ToUpperInvariant());
        }

        var filing = await db.Set<Application>().AsNoTracking().Where(a => a.Id == instance.SubjectId).Select(a => new { a.Answers, a.AwardId }).FirstOrDefaultAsync(ct);
        var answerSets = new List<JsonObject?> { filing?.Answers };
        if (filing?.AwardId is { } awardId)
        {
            answerSets.Add(await owed.WinningAnswersAsync(awardId, ct));
        }

        foreach (var answers in answerSets)
        {
            foreach (var (_, section) in answers ?? [])
            {
                if (section is JsonObject fields && fields["creditCode"]?.ToString() is { Length: > 0 } code)
                {
                    codes.Add(code.Trim().ToUpperInvariant());
                }
            }
        }

        return codes;
    }

    public async Task<IReadOnlyList<AssignmentView>> ForExpertAsync(Guid expertId, CancellationToken ct = default) =>
        (await (from a in db.Set<ExpertAssignment>().AsNoTracking()
                where a.ExpertId == expertId
                join i in db.Set<WorkflowInstance>() on a.ApplicationId equals i.SubjectId
                join p in db.Set<ProgramInstance>() on i.ProgramId equals p.Id
                join r in db.Set<Round>() on i.RoundId equals r.Id
                orderby a.AssignedAt descending
                select new { a, i, Program = p.Name, Round = r.Title }).ToListAsync(ct))
        .Select(x => new AssignmentView(x.a, x.i, x.Program, x.Round)).ToList();

    /// <summary>An assignment of this expert (null for anyone else's: reported as not found).</summary>
    public Task<ExpertAssignment?> FindAsync(Guid assignmentId, Guid expertId, CancellationToken ct = default) =>
        db.Set<ExpertAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId && a.ExpertId == expertId, ct);

    /// <summary>The application behind an assignment, only once its expert has declared no conflict.</summary>
    public async Task<ApplicationView?> ApplicationAsync(ExpertAssignment assignment, CancellationToken ct = default) =>
        assignment.State is AssignmentState.Accepted or AssignmentState.Submitted
            ? await applications.FindForSystemAsync(assignment.ApplicationId, ct)
            : null;

    /// <summary>Why an expert's work on this application is closed now (the application left expert review); null while open.</summary>
    internal async Task<string?> ClosedAsync(ExpertAssignment assignment, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstAsync(i => i.SubjectId == assignment.ApplicationId, ct);
        var definition = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        return definition.State(instance.State)?.Scoring is null ? "该申报的专家评审已结束，不能再声明或评分" : null;
    }

    /// <summary>How many active assignments each expert has (the least loaded are chosen first).</summary>
    internal Task<Dictionary<Guid, int>> LoadAsync(CancellationToken ct) =>
        db.Set<ExpertAssignment>().Where(a => a.State == AssignmentState.Assigned || a.State == AssignmentState.Accepted)
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Stages one expert's assignment to the application, audited.</summary>
    internal void Add(ApplicationView view, ExpertCandidate expert, Rubric rubric, WorkflowActor actor)
    {
        db.Add(new ExpertAssignment
        {
            Id = Guid.CreateVersion7(), ApplicationId = view.Application.Id, ExpertId = expert.Id, ExpertName = expert.Name, Rubric = rubric,
            State = AssignmentState.Assigned, AssignedAt = clock.GetUtcNow(), AssignedBy = actor.UserId ?? Guid.Empty,
        });
        audit.Add("expert.assigned", objectType: "application", objectId: view.Application.Id.ToString(),
            details: new JsonObject { ["expert"] = expert.Name, ["rubric"] = rubric.Key }, actorId: actor.UserId, actorName: actor.Name);
    }

    internal Task<Outcome<int>> SaveAsync(int count, CancellationToken ct) => db.SaveOrConflictAsync(count, ConflictMessage, ct);
}
