using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> e)
    {
        e.ToTable("workflow_versions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(128);
        e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, WorkflowStore.Json),
            v => JsonSerializer.Deserialize<WorkflowDefinition>(v, WorkflowStore.Json)!,
            new ValueComparer<WorkflowDefinition>((a, b) => WorkflowStore.Same(a!, b!), v => v.Key.GetHashCode(StringComparison.Ordinal), v => v));
        e.Ignore(x => x.Reference);
    }
}
