using System.Text.Json.Nodes;
using IpPlatform.Kernel.Data;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Applications;

public enum ApplicationStatus
{
    Draft,

    /// <summary>Submitted and under review (at any level).</summary>
    Submitted,
    Returned,
    Approved,
    Rejected,

    /// <summary>Ended without a decision on the merits (逾期未补正, round closed before submission).</summary>
    Closed,
}

/// <summary>
/// An organisation's application to a round (or, of kind <see cref="ApplicationKind.Obligation"/>, one occurrence of
/// what an award obliges it to file — the same form engine, files, snapshots and review chains serve both): the form version it began with (kept for life), the answers as entered,
/// the declarations accepted, and where it stands. Every submission is kept as a snapshot.
/// </summary>
public sealed class Application
{
    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public Guid ProgramId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string FormKey { get; set; }

    public int FormVersion { get; set; }

    public string? Variant { get; set; }

    public JsonObject Answers { get; set; } = [];

    public List<string> Declarations { get; set; } = [];

    public ApplicationStatus Status { get; set; }

    public int Submissions { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public uint RowVersion { get; set; }

    public ApplicationKind Kind { get; set; }

    /// <summary>For an obligation: the award it belongs to, the declaration's key, the occurrence's label (e.g. 2027年度).</summary>
    public Guid? AwardId { get; set; }

    public string? ObligationKey { get; set; }

    public string? PeriodLabel { get; set; }

    /// <summary>For an obligation: from when it can be filed, and its last day (Beijing dates).</summary>
    public DateOnly? OpensOn { get; set; }

    public DateOnly? DueOn { get; set; }

    public bool IsObligation => Kind == ApplicationKind.Obligation;

    public bool Editable => Status is ApplicationStatus.Draft or ApplicationStatus.Returned;
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> e)
    {
        e.ToTable("applications");
        e.HasKey(x => x.Id);
        e.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ProgramInstance>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        // The review chain that carries it (the workflow engine does not know what it carries).
        e.HasOne<WorkflowInstance>().WithOne().HasForeignKey<WorkflowInstance>(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
        // One application per organisation and round; obligations are many per award.
        e.HasIndex(x => new { x.RoundId, x.OrganisationId }).IsUnique().HasFilter("kind = 'Application'");
        e.HasIndex(x => new { x.OrganisationId, x.UpdatedAt });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ApplicationKind.Application).HasSentinel(ApplicationKind.Application);
        e.HasIndex(x => new { x.AwardId, x.ObligationKey, x.PeriodLabel }).IsUnique().HasFilter("award_id IS NOT NULL");
        e.Property(x => x.ObligationKey).HasMaxLength(64);
        e.Property(x => x.PeriodLabel).HasMaxLength(64);
        e.Property(x => x.FormKey).HasMaxLength(128);
        e.Property(x => x.Variant).HasMaxLength(64);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Answers).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
        e.Property(x => x.Declarations).HasColumnType("jsonb").HasConversion(JsonColumns.DocumentConverter<List<string>>(), JsonColumns.ListComparer<string>());
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}

/// <summary>A file in an attachment slot of an application (one per slot; a new upload replaces it).</summary>
public sealed class ApplicationFile
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public required string Slot { get; set; }

    public Guid FileId { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class ApplicationFileConfiguration : IEntityTypeConfiguration<ApplicationFile>
{
    public void Configure(EntityTypeBuilder<ApplicationFile> e)
    {
        e.ToTable("application_files");
        e.HasKey(x => x.Id);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ApplicationId, x.Slot });
        e.Property(x => x.Slot).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(256);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}

/// <summary>What was submitted, as submitted: answers, declarations and files. Never changed.</summary>
public sealed class ApplicationSubmission
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public int Number { get; set; }

    public JsonObject Answers { get; set; } = [];

    public JsonObject Files { get; set; } = [];

    /// <summary>The declarations accepted with this submission.</summary>
    public List<string> Declarations { get; set; } = [];

    public DateTimeOffset SubmittedAt { get; set; }

    public Guid SubmittedBy { get; set; }

    /// <summary>SHA-256 of the answers, declarations and files in canonical form; the submit entry of the review history records it.</summary>
    public string SnapshotHash() => Workflows.WorkflowHash.OfDocument(new JsonObject
    {
        ["answers"] = Answers.DeepClone(), ["declarations"] = new JsonArray(Declarations.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
        ["files"] = Files.DeepClone(),
    });
}

internal sealed class ApplicationSubmissionConfiguration : IEntityTypeConfiguration<ApplicationSubmission>
{
    public void Configure(EntityTypeBuilder<ApplicationSubmission> e)
    {
        e.ToTable("application_submissions");
        e.HasKey(x => x.Id);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ApplicationId, x.Number }).IsUnique();
        e.Property(x => x.Answers).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
        e.Property(x => x.Files).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
        e.Property(x => x.Declarations).HasColumnType("jsonb").HasConversion(JsonColumns.DocumentConverter<List<string>>(), JsonColumns.ListComparer<string>());
    }
}

public static class ApplicationStatusNames
{
    public static string ToChinese(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "填写中",
        ApplicationStatus.Submitted => "审核中",
        ApplicationStatus.Returned => "退回补正",
        ApplicationStatus.Approved => "已通过",
        ApplicationStatus.Rejected => "未通过",
        _ => "已关闭",
    };
}
