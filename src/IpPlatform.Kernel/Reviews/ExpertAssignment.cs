using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Reviews;

public enum AssignmentState
{
    /// <summary>Assigned; the expert has not yet declared whether they have a conflict of interest.</summary>
    Assigned,

    /// <summary>Declared no conflict: may read the application and score it.</summary>
    Accepted,

    /// <summary>Declined with a reason (a conflict of interest); another expert is assigned in their place.</summary>
    Declined,

    /// <summary>Score sheet submitted: locked.</summary>
    Submitted,
}

/// <summary>
/// One expert's work on one application: the rubric as it was when assigned, the conflict-of-interest declaration,
/// and the score sheet (per item a score and a comment), saved as a draft until submitted.
/// </summary>
public sealed class ExpertAssignment
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid ExpertId { get; set; }

    public required string ExpertName { get; set; }

    public required Rubric Rubric { get; set; }

    public AssignmentState State { get; set; }

    public string? DeclineReason { get; set; }

    public DateTimeOffset? DeclaredAt { get; set; }

    /// <summary>{ "itemKey": { "score": "8.5", "comment": "…" } } as the expert typed it.</summary>
    public JsonObject Scores { get; set; } = [];

    public decimal? Total { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public Guid AssignedBy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class ExpertAssignmentConfiguration : IEntityTypeConfiguration<ExpertAssignment>
{
    public void Configure(EntityTypeBuilder<ExpertAssignment> e)
    {
        e.ToTable("expert_assignments");
        e.HasKey(x => x.Id);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique();
        e.HasIndex(x => new { x.ExpertId, x.AssignedAt });
        e.Property(x => x.ExpertName).HasMaxLength(256);
        e.Property(x => x.Rubric).HasColumnType("jsonb").HasConversion(RubricRecordConfiguration.Converter, RubricRecordConfiguration.Comparer);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DeclineReason).HasMaxLength(1000);
        e.Property(x => x.Scores).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
        e.Property(x => x.Total).HasPrecision(7, 2);
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}
