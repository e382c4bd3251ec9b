namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Effects beyond <c>notify</c> that a workflow action may have (an award's status, an obligation, a credit record…):
/// the part of the kernel that carries them out says which kinds it knows and what each needs, so a definition is
/// checked before it is stored without the engine knowing what the effects are about.
/// </summary>
public interface IWorkflowEffectKinds
{
    IReadOnlyList<string> Kinds { get; }

    /// <summary>What is wrong with one effect of one of <see cref="Kinds"/>: the field (as in the JSON) and the message in Chinese.</summary>
    IEnumerable<(string Field, string Message)> Problems(WorkflowEffect effect, WorkflowAction action);
}
