namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Notices the platform published as its decisions about organisations (a 公示's result, a revocation 公告/通报): they
/// are not policy, so a program's export (<see cref="ExportProgram"/>) leaves them home. Each part of the kernel that
/// publishes such notices says which content items they are.
/// </summary>
public interface IDecisionNotices
{
    Task<IReadOnlyList<Guid>> ContentIdsAsync(CancellationToken ct);
}
