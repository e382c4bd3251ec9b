using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Starts an application's review instance (审核流程) on the chain its round pins, or else the program's latest: shared by
/// starting an application, including an organisation, and giving older applications their instance.
/// </summary>
public sealed class StartReviewInstance(WorkflowStore workflows, WorkflowEngine engine)
{
    internal async Task<WorkflowInstance?> StartAsync(
        Application application, Round round, ProgramInstance program, ApplicantProfile applicant, WorkflowActor actor, CancellationToken ct,
        DateTimeOffset? submittedAt = null)
    {
        var version = await (round.WorkflowVersion is { } pinned ? workflows.ResolveAsync(pinned, ct) : workflows.LatestAsync(ProgramKeys.ReviewWorkflowKey(program), ct));
        return version is null ? null : engine.Start(version, new WorkflowInstance
        {
            SubjectId = application.Id, ProgramId = program.Id, RoundId = round.Id, OrganisationId = application.OrganisationId,
            OrganisationName = applicant.Name, CityCode = applicant.CityCode, DistrictCode = applicant.DistrictCode,
            OwnerAuthority = program.OwnerAuthorityCode, WorkflowKey = "", State = "", LastHash = "",
        }, actor, submittedAt);
    }
}
