using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Applications;

/// <summary>The applicant submits an application (提交申报), or resubmits it after a return (补正后重新提交).</summary>
public sealed class SubmitApplication(
    IApplicantDirectory applicants, ApplicationChecks checks, WorkflowEngine engine, IApplicationAwards awards)
{
    /// <summary>
    /// Submits (or, after a return, resubmits): every problem is listed and nothing moves while there is one; otherwise the
    /// applicant's action of the review chain is applied, which snapshots the submission.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<FormProblem>>> SubmitAsync(ApplicationView view, WorkflowActor actor, CancellationToken ct = default)
    {
        if (checks.CannotChange(view) is { } reason)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail("", reason);
        }

        // What is filed carries the certified name and credit code as they are now (a renamed organisation's new name).
        var applicant = await applicants.FindAsync(view.Application.OrganisationId, ct);
        if (applicant is not null)
        {
            FormPrefill.FromProfile(view.Form, view.Application.Variant, view.Application.Answers, applicant, lockedOnly: true);
        }

        var problems = await checks.ProblemsAsync(view, view.Application.IsObligation ? null : applicant, ct);
        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Ok(problems);
        }

        if (WorkflowEngine.Available(view.Workflow, view.Instance, actor).FirstOrDefault(a => a.ByApplicant) is not { } submit)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail("", "申报书当前不能提交");
        }

        var applied = await engine.ApplyAsync(view.Instance, view.Workflow, submit.Key, actor, [], checks.Subject(view, () => Task.FromResult(problems)), ct);
        if (!applied.Succeeded)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail(applied.Errors);
        }

        await awards.AfterCommitAsync();
        return Outcome<IReadOnlyList<FormProblem>>.Ok([]);
    }
}
