namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// An account as the workflow actor it acts as once signed in (staff: every role grant, the second factor taken as
/// given; a member: for its organisation), found by e-mail (kept by Identity). Used by the demo's journeys.
/// </summary>
public interface IAccountActors
{
    Task<WorkflowActor?> FindByEmailAsync(string email, CancellationToken ct = default);
}
