using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Starts an application (申报书) for an open round: certified and eligible organisations only, one per organisation and
/// round (an application already begun is continued), on the round's form, prefilled from the profile, with its review
/// instance.
/// </summary>
public sealed class StartApplication(
    DbContext db, FormStore forms, RunPrecheck precheck, StartReviewInstance instances, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Application>> StartAsync(string roundKey, Guid organisationId, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await precheck.PrecheckAsync(roundKey, organisationId, ct) is not { } check)
        {
            return Outcome<Application>.Fail("", "申报批次不存在");
        }

        var (round, program, applicant, _) = check;
        if (check.AccessRefusal(clock.GetUtcNow()) is { } closed)
        {
            return Outcome<Application>.Fail("", closed);
        }

        // An application already begun is continued even if the profile has changed since; submit checks it again.
        var existing = await db.Set<Application>().FirstOrDefaultAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId && a.Kind == ApplicationKind.Application, ct);
        if (existing is not null)
        {
            return Outcome<Application>.Ok(existing);
        }

        if (check.EligibilityRefusal is { } ineligible)
        {
            return Outcome<Application>.Fail("", ineligible);
        }

        var form = await (round.FormVersion is { } pinned ? forms.ResolveAsync(pinned, ct) : forms.LatestAsync(ProgramKeys.ApplicationFormKey(program), ct));
        if (form is null)
        {
            return Outcome<Application>.Fail("", "该批次尚未配置申报表");
        }

        var variant = form.Definition.VariantFor(applicant.Type);
        if (form.Definition.VariantList.Count > 0 && variant is null)
        {
            return Outcome<Application>.Fail("", "该申报表没有适用于贵单位类型的表格");
        }

        var now = clock.GetUtcNow();
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = organisationId, FormKey = form.Key,
            FormVersion = form.Version, Variant = variant, Status = ApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        FormPrefill.FromProfile(form.Definition, variant, application.Answers, applicant);
        db.Add(application);
        if (await instances.StartAsync(application, round, program, applicant, actor, ct) is null)
        {
            db.ChangeTracker.Clear();
            return Outcome<Application>.Fail("", "该批次尚未配置审核流程");
        }

        audit.Add("application.started", objectType: "application", objectId: application.Id.ToString(),
            details: new JsonObject { ["round"] = round.Key, ["form"] = form.Reference });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // Another member started the same round a moment ago: one application per organisation and round.
            db.ChangeTracker.Clear();
            return Outcome<Application>.Ok(await db.Set<Application>().FirstAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId && a.Kind == ApplicationKind.Application, ct));
        }

        return Outcome<Application>.Ok(application);
    }
}
