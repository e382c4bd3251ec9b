using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// An authority's action that brings an organisation into a program without an application of its own (seed 002 art. 7:
/// national and provincial outlets are included without filing, 直接纳入): the chain's staff action from its initial
/// state, naming the organisation by its <c>creditCode</c> input, applied to a new application of the round.
/// </summary>
public sealed class IncludeOrganisation(
    DbContext db, FormStore forms, IApplicantDirectory applicants, WorkflowStore workflows, WorkflowEngine engine, StartReviewInstance instances,
    ApplicationChecks checks, IApplicationAwards awards, TimeProvider clock)
{
    public async Task<Outcome<Guid>> IncludeAsync(string roundKey, string action, JsonObject inputs, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        var program = round is null ? null : await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        var code = inputs["creditCode"]?.ToString().Trim().ToUpperInvariant() ?? "";
        if (round is null || program is null)
        {
            return Outcome<Guid>.Fail("", "申报批次不存在");
        }

        if (await applicants.FindByCreditCodeAsync(code, ct) is not { } applicant)
        {
            return Outcome<Guid>.Fail("creditCode", $"平台上没有统一社会信用代码为“{code}”的单位（该单位须先注册）");
        }

        if (await db.Set<Application>().AnyAsync(a => a.RoundId == round.Id && a.OrganisationId == applicant.OrganisationId && a.Kind == ApplicationKind.Application, ct))
        {
            return Outcome<Guid>.Fail("creditCode", $"“{applicant.Name}”在本批次已有申报或已纳入");
        }

        if (await Sanctions.Bans.InForceAsync(db, applicant.OrganisationId, program.ModuleId, Time.BeijingTime.Today(clock), ct) is { } ban)
        {
            return Outcome<Guid>.Fail("creditCode", $"“{applicant.Name}”{ban.Reason}，{ban.EndsOn:yyyy年M月d日}前不得纳入本项目");
        }

        var form = await (round.FormVersion is { } pinned ? forms.ResolveAsync(pinned, ct) : forms.LatestAsync(ProgramKeys.ApplicationFormKey(program), ct));
        if (form is null)
        {
            return Outcome<Guid>.Fail("", "该批次尚未配置申报表");
        }

        var now = clock.GetUtcNow();
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = applicant.OrganisationId, FormKey = form.Key,
            FormVersion = form.Version, Variant = form.Definition.VariantFor(applicant.Type), Status = ApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        FormPrefill.FromProfile(form.Definition, application.Variant, application.Answers, applicant);
        db.Add(application);
        if (await instances.StartAsync(application, round, program, applicant, actor, ct) is not { } instance)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Fail("", "该批次尚未配置审核流程");
        }

        var workflow = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        var view = new ApplicationView(application, form.Definition, round, program, instance, workflow, []);
        var applied = await engine.ApplyAsync(instance, workflow, action, actor, inputs, checks.Subject(view, () => Task.FromResult<IReadOnlyList<FormProblem>>([])), ct);
        if (!applied.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Fail(applied.Errors);
        }

        await awards.AfterCommitAsync();
        return Outcome<Guid>.Ok(application.Id);
    }
}
