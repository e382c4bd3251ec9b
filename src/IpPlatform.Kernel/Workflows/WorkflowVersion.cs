namespace IpPlatform.Kernel.Workflows;

/// <summary>One version of a workflow definition; never changed once stored (a change makes the next version).</summary>
public sealed class WorkflowVersion
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public required WorkflowDefinition Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public string Reference => $"{Key}@{Version}";
}
