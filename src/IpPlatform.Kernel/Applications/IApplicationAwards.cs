using System.Text.Json.Nodes;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// The awards' side of a move in an application's or an obligation filing's review chain (carried out by the awards,
/// which build on the applications, never the other way): an approval grants the award; a decision on a filing has its
/// effects on the award; a scored check passes or fails on its pass mark; public pages change once the move committed.
/// </summary>
public interface IApplicationAwards
{
    /// <summary>Stages the award an approved application wins (in the move's unit of work).</summary>
    Task GrantAsync(ApplicationView view, JsonObject inputs, WorkflowActor actor, CancellationToken ct);

    /// <summary>Stages what a decision on an obligation filing does to its award (in the move's unit of work).</summary>
    Task EffectsAsync(ApplicationView filing, WorkflowAction action, JsonObject inputs, WorkflowActor actor, CancellationToken ct);

    /// <summary>After the move committed: evicts the public pages when it published something.</summary>
    Task AfterCommitAsync();

    /// <summary>Why "scorePasses" (or "scoreFails") does not hold for a filing; null when it holds.</summary>
    Task<string?> ScoreRefusalAsync(ApplicationView filing, JsonObject settings, bool passing, CancellationToken ct);
}
