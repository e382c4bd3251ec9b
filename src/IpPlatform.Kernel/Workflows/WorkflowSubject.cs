using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Workflows;

/// <summary>What a workflow moves (an application): it answers the guards and keeps itself in step with each move.</summary>
public interface IWorkflowSubject
{
    /// <summary>Why <paramref name="guard"/> does not hold now, in Chinese; null when it holds.</summary>
    Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, JsonObject inputs, CancellationToken ct);

    /// <summary>Values for {placeholders} in notification texts (program, round, organisation, …).</summary>
    IReadOnlyDictionary<string, string> Placeholders { get; }

    /// <summary>Where the applicant sees the subject (site-relative).</summary>
    string ApplicantLink { get; }

    /// <summary>The subject's own last day, for a state timer of kind "due" (an obligation's due date); null when it has none.</summary>
    DateOnly? DueOn => null;

    /// <summary>
    /// Called in the action's unit of work after the move, before it is saved. Returns facts for the history entry beside
    /// the inputs (e.g. a submission's number and the SHA-256 of its snapshot), so the hash chain covers them too.
    /// </summary>
    Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct);
}
