using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// Assigns the experts a reviewer chose by hand to an application in expert review (分配评审专家): only experts who may
/// score it (see <see cref="ExpertAssignments.CandidatesAsync"/>), and only by a reviewer who may act on it.
/// </summary>
public sealed class AssignExperts(ExpertAssignments assignments)
{
    public async Task<Outcome<int>> AssignAsync(ApplicationView view, IReadOnlyList<Guid> expertIds, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await assignments.ManagedRubricAsync(view, actor, ct) is not { } rubric)
        {
            return Outcome<int>.Fail("", "该申报当前不在专家评审阶段，或您无权分配专家");
        }

        var candidates = (await assignments.CandidatesAsync(view.Instance, otherCityOnly: false, ct)).ToDictionary(e => e.Id);
        var errors = new FieldErrors();
        foreach (var id in expertIds.Distinct().Where(id => !candidates.ContainsKey(id)))
        {
            errors.Add("experts", "所选专家已分配给该申报、与申报单位有任职关系，或不在专家库中");
        }

        if (errors.Any || expertIds.Count == 0)
        {
            return Outcome<int>.Fail(errors.Any ? errors : FieldErrors.Of("experts", "请至少选择一位专家"));
        }

        foreach (var id in expertIds.Distinct())
        {
            assignments.Add(view, candidates[id], rubric, actor);
        }

        return await assignments.SaveAsync(expertIds.Distinct().Count(), ct);
    }
}
