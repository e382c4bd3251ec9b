using System.Text.Json.Nodes;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

/// <summary>
/// One audited event: who did what to which object, when, from where, and how it ended. The table is append-only:
/// the database refuses UPDATE, DELETE and TRUNCATE on it (see the migration), so no user can alter the record.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    /// <summary>The account name as typed or known (for a failed login, what was typed).</summary>
    public string? ActorName { get; set; }

    public string? Ip { get; set; }

    /// <summary>Dotted event name, e.g. account.login, organisation.certified.</summary>
    public required string Event { get; set; }

    public AuditOutcome Outcome { get; set; }

    public string? ObjectType { get; set; }

    public string? ObjectId { get; set; }

    public JsonObject? Details { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_log");
        e.HasKey(x => x.Id);
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.Ip).HasMaxLength(45);
        e.Property(x => x.Event).HasMaxLength(64);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ObjectType).HasMaxLength(64);
        e.Property(x => x.ObjectId).HasMaxLength(64);
        e.Property(x => x.Details).HasColumnType("jsonb").HasConversion(JsonColumns.NullableJsonObjectConverter, JsonColumns.NullableJsonObjectComparer);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.ObjectType, x.ObjectId });
        e.HasIndex(x => new { x.ActorId, x.At });
    }
}
