using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// One application's way through its review chain, pinned to the definition version it started on. The columns a work
/// queue filters on (program, round, city, district, state, deadline) are kept here so a queue is one indexed query.
/// </summary>
public sealed class WorkflowInstance : IReviewerPlaced
{
    public Guid Id { get; set; }

    /// <summary>The application (or obligation filing) this instance carries.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>An application, or an obligation of an award (listed to staff from when it is due, filed or not).</summary>
    public ApplicationKind Kind { get; set; }

    public required string WorkflowKey { get; set; }

    public int WorkflowVersion { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RoundId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string OrganisationName { get; set; }

    public required string CityCode { get; set; }

    public string? DistrictCode { get; set; }

    /// <summary>The authority running the program ("owner" scope).</summary>
    public required string OwnerAuthority { get; set; }

    public required string State { get; set; }

    public WorkflowPhase Phase { get; set; }

    public DateTimeOffset StateEnteredAt { get; set; }

    /// <summary>When the state's timer runs out (the moment after its last day, Beijing time).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The last day of the state's period (e.g. the correction deadline), as shown to users.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The system action to apply at <see cref="DueAt"/>; cleared once applied or refused.</summary>
    public string? ExpiryAction { get; set; }

    public DateTimeOffset? RemindAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>First submission (null while a draft): drafts are the applicant's own and no queue shows them.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// Shown in staff queues: submitted, or an obligation (followed from the day it is opened). Computed by the database
    /// (a stored generated column) so the queue's counts are an index-only scan of one partial index.
    /// </summary>
    public bool Listed { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int LastSequence { get; set; }

    public required string LastHash { get; set; }

    public uint RowVersion { get; set; }

    public string Reference => $"{WorkflowKey}@{WorkflowVersion}";
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> e)
    {
        e.ToTable("workflow_instances");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.SubjectId).IsUnique();
        e.Property(x => x.WorkflowKey).HasMaxLength(128);
        e.Property(x => x.OrganisationName).HasMaxLength(200);
        e.Property(x => x.CityCode).HasMaxLength(6);
        e.Property(x => x.DistrictCode).HasMaxLength(6);
        e.Property(x => x.OwnerAuthority).HasMaxLength(6);
        e.Property(x => x.State).HasMaxLength(64);
        e.Property(x => x.Phase).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ApplicationKind.Application).HasSentinel(ApplicationKind.Application);
        e.Property(x => x.ExpiryAction).HasMaxLength(64);
        e.Property(x => x.LastHash).HasMaxLength(64);
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        e.Ignore(x => x.Reference);
        // Queues: by scope column and state, newest submissions first; timers: due ones.
        e.HasIndex(x => new { x.CityCode, x.State, x.SubmittedAt });
        e.HasIndex(x => new { x.DistrictCode, x.State, x.SubmittedAt });
        e.HasIndex(x => new { x.OwnerAuthority, x.State, x.SubmittedAt });
        e.HasIndex(x => new { x.State, x.SubmittedAt });
        e.HasIndex(x => x.SubmittedAt);
        e.HasIndex(x => x.DueAt).HasFilter("expiry_action IS NOT NULL");
        e.HasIndex(x => x.RemindAt).HasFilter("reminded_at IS NULL");
        e.HasIndex(x => new { x.RoundId, x.Phase });
        // Obligations are listed to staff before they are filed (due, overdue): by scope column and due date.
        e.HasIndex(x => new { x.CityCode, x.DueAt }).HasFilter("kind = 'Obligation'");
        e.Property(x => x.Listed).HasComputedColumnSql("submitted_at IS NOT NULL OR kind = 'Obligation'", stored: true);
        // The queue's counts by chain, state and scope: an index-only scan, grouped in index order (no hashing).
        e.HasIndex(x => new { x.WorkflowKey, x.WorkflowVersion, x.State, x.CityCode, x.DistrictCode, x.OwnerAuthority })
            .HasFilter("listed").HasDatabaseName("ix_workflow_instances_queue_counts");
    }
}

/// <summary>
/// One step of an instance's history: who acted, in which role and authority, when, from and to which state, with what
/// inputs. Append-only (the database refuses UPDATE, DELETE and TRUNCATE) and hash-chained per instance.
/// </summary>
public sealed class WorkflowHistoryEntry
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Role { get; set; }

    public string? Authority { get; set; }

    public required string Action { get; set; }

    public required string ActionLabel { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public System.Text.Json.Nodes.JsonObject Inputs { get; set; } = [];

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

internal sealed class WorkflowHistoryEntryConfiguration : IEntityTypeConfiguration<WorkflowHistoryEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowHistoryEntry> e)
    {
        e.ToTable("workflow_history");
        e.HasKey(x => x.Id);
        e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.Authority).HasMaxLength(6);
        e.Property(x => x.Action).HasMaxLength(64);
        e.Property(x => x.ActionLabel).HasMaxLength(64);
        e.Property(x => x.FromState).HasMaxLength(64);
        e.Property(x => x.ToState).HasMaxLength(64);
        e.Property(x => x.Inputs).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
    }
}
