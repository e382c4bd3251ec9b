using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Sanctions;

/// <summary>
/// A 失信记录: an organisation's breach of trust at a stage of a program (申报, 建设, 考核…), as seed 004 七、其他事项
/// asks the province to keep. Shown to the reviewers of the organisation's later applications. Never changed.
/// </summary>
public sealed class CreditRecord
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string ModuleId { get; set; }

    public Guid? ProgramId { get; set; }

    public Guid? AwardId { get; set; }

    public required string Stage { get; set; }

    public required string Text { get; set; }

    public required string Authority { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public static readonly IReadOnlyList<string> Stages = ["申报", "建设", "考核", "运行", "其他"];
}

internal sealed class CreditRecordConfiguration : IEntityTypeConfiguration<CreditRecord>
{
    public void Configure(EntityTypeBuilder<CreditRecord> e)
    {
        e.ToTable("credit_records");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.OrganisationId, x.RecordedAt });
        e.Property(x => x.ModuleId).HasMaxLength(64);
        e.Property(x => x.Stage).HasMaxLength(16);
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.Authority).HasMaxLength(6);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}
