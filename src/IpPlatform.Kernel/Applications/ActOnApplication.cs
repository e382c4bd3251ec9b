using System.Text.Json.Nodes;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// A reviewer's (or the system's) action on an application (审核操作: 通过, 退回补正, 不予通过...) through its review chain;
/// what the award rules stage with it follows once it commits.
/// </summary>
public sealed class ActOnApplication(WorkflowEngine engine, ApplicationChecks checks, IApplicationAwards awards)
{
    /// <summary>A reviewer's (or the system's) action on an application; inputs already carry uploaded files and form sections.</summary>
    public async Task<Outcome<WorkflowHistoryEntry>> ActAsync(ApplicationView view, string action, WorkflowActor actor, JsonObject inputs, CancellationToken ct = default)
    {
        var applied = await engine.ApplyAsync(view.Instance, view.Workflow, action, actor, inputs, checks.Subject(view, () => checks.ProblemsAsync(view, ct)), ct);
        if (applied.Succeeded)
        {
            await awards.AfterCommitAsync();
        }

        return applied;
    }
}
