namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Thrown by a subject while it keeps itself in step with a move (e.g. an award the obligation's decision would revoke
/// is no longer in force): the engine refuses the action with <see cref="Exception.Message"/> and keeps nothing of it.
/// </summary>
public sealed class WorkflowRefusal(string message) : Exception(message);
