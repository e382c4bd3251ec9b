using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Opens one occurrence of an obligation of an award: a filing of the obligation's form (latest version, kept for life)
/// with its review chain started, due on its last day (the chain's initial timer reminds before and marks it overdue
/// after). Staged in the caller's unit of work; an occurrence that already exists (same award, obligation and period)
/// is not opened twice.
/// </summary>
public sealed class OpenObligation(
    DbContext db, FormStore forms, WorkflowStore workflows, WorkflowEngine engine, IApplicantDirectory applicants, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Application>> StageAsync(
        Award award, ObligationDeclaration obligation, string periodLabel, DateOnly opensOn, DateOnly? dueOn, WorkflowActor actor, CancellationToken ct = default,
        ApplicantProfile? profile = null)
    {
        var awardId = award.Id;
        if (db.ChangeTracker.Entries<Application>().Any(e => e.Entity.AwardId == awardId && e.Entity.ObligationKey == obligation.Key && e.Entity.PeriodLabel == periodLabel)
            || await db.Set<Application>().AnyAsync(a => a.AwardId == awardId && a.ObligationKey == obligation.Key && a.PeriodLabel == periodLabel, ct))
        {
            return Outcome<Application>.Fail("", $"“{obligation.Title}（{periodLabel}）”已经存在");
        }

        var form = await forms.LatestAsync(obligation.Form, ct);
        var workflow = await workflows.LatestAsync(obligation.Workflow, ct);
        if (form is null || workflow is null)
        {
            return Outcome<Application>.Fail("", $"“{obligation.Title}”的表单或审核流程尚未配置");
        }

        var now = clock.GetUtcNow();
        var filing = new Application
        {
            Id = Guid.CreateVersion7(), Kind = ApplicationKind.Obligation, AwardId = award.Id, ObligationKey = obligation.Key, PeriodLabel = periodLabel,
            OpensOn = opensOn, DueOn = dueOn, RoundId = award.RoundId, ProgramId = award.ProgramId, OrganisationId = award.OrganisationId,
            FormKey = form.Key, FormVersion = form.Version, Status = ApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        // Like an application, the filing starts with the organisation's certified profile in the fields bound to it.
        if ((profile ?? await applicants.FindAsync(award.OrganisationId, ct)) is { } applicant)
        {
            FormPrefill.FromProfile(form.Definition, null, filing.Answers, applicant);
        }

        db.Add(filing);
        await engine.StartAsync(workflow, new WorkflowInstance
        {
            SubjectId = filing.Id, Kind = ApplicationKind.Obligation, ProgramId = award.ProgramId, RoundId = award.RoundId, OrganisationId = award.OrganisationId,
            OrganisationName = award.OrganisationName, CityCode = award.CityCode, DistrictCode = award.DistrictCode, OwnerAuthority = award.OwnerAuthority,
            WorkflowKey = "", State = "", LastHash = "",
        }, actor, dueOn: dueOn, ct: ct);
        audit.Add("obligation.opened", objectType: "application", objectId: filing.Id.ToString(), actorId: actor.UserId, actorName: actor.Name,
            details: new JsonObject
            {
                ["award"] = award.Id.ToString(), ["obligation"] = obligation.Key, ["period"] = periodLabel,
                ["opensOn"] = opensOn.ToString("yyyy-MM-dd"), ["dueOn"] = dueOn?.ToString("yyyy-MM-dd"),
            });
        return Outcome<Application>.Ok(filing);
    }
}
