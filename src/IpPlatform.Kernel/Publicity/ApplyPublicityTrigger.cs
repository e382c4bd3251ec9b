using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Publicity;

/// <summary>
/// Moves an application on as its 公示 opens, passes or has an objection upheld: the chain's own system action for the
/// trigger (publicityOpened / publicityPassed / objectionUpheld), so it is checked, recorded and notified like any other.
/// </summary>
public sealed class ApplyPublicityTrigger(LoadApplication applications, ActOnApplication act)
{
    /// <summary>Applies the chain's system action for <paramref name="trigger"/> from the application's current state.</summary>
    internal async Task<bool> MoveAsync(Guid applicationId, string trigger, CancellationToken ct)
    {
        if (await applications.FindForSystemAsync(applicationId, ct) is not { } view
            || view.Workflow.ActionsFrom(view.Instance.State).FirstOrDefault(a => a.Trigger == trigger) is not { } action)
        {
            return trigger != WorkflowRoles.PublicityOpenedTrigger;   // a chain without this step simply has nothing to move
        }

        return (await act.ActAsync(view, action.Key, WorkflowActor.System, [], ct)).Succeeded;
    }
}
