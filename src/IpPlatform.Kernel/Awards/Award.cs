using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Awards;

public enum AwardStatus
{
    /// <summary>建设中 (construction, cultivation, implementation: the period of the award runs).</summary>
    Construction,

    /// <summary>运行中 (after a passed end-of-term check, or a filing in force).</summary>
    Operating,

    /// <summary>整改中 (a check failed; a rectification period runs).</summary>
    Rectifying,

    Revoked,
    Expired,

    /// <summary>已续期 (a renewal review extended the period; in force).</summary>
    Renewed,

    /// <summary>已终止 (ended at the awardee's request or for a reason the rules name, without a sanction).</summary>
    Terminated,

    /// <summary>培育中 (seed 000: a cultivated institution during its cultivation period).</summary>
    Cultivating,

    /// <summary>实施中 (seed 003: a funded project during its implementation period).</summary>
    Implementing,

    /// <summary>已结项 (seed 003: a funded project whose final assessment passed; ended, no longer owing anything).</summary>
    Completed,
}

public static class AwardStatusNames
{
    public static readonly AwardStatus[] Active =
        [AwardStatus.Construction, AwardStatus.Operating, AwardStatus.Rectifying, AwardStatus.Renewed, AwardStatus.Cultivating, AwardStatus.Implementing];

    /// <summary>The statuses that end an award without a sanction (<c>endAward</c>).</summary>
    public static readonly AwardStatus[] Endings = [AwardStatus.Expired, AwardStatus.Terminated, AwardStatus.Completed];

    public static bool IsActive(this AwardStatus status) => Active.Contains(status);

    public static string ToChinese(this AwardStatus status) => status switch
    {
        AwardStatus.Construction => "建设中",
        AwardStatus.Operating => "运行中",
        AwardStatus.Rectifying => "整改中",
        AwardStatus.Revoked => "已撤销",
        AwardStatus.Expired => "已到期",
        AwardStatus.Renewed => "已续期",
        AwardStatus.Cultivating => "培育中",
        AwardStatus.Implementing => "实施中",
        AwardStatus.Completed => "已结项",
        _ => "已终止",
    };

    /// <summary>The recipe spelling of a status (camelCase of the enum name), or null.</summary>
    public static AwardStatus? Parse(string? text) =>
        Enum.TryParse<AwardStatus>(text, ignoreCase: true, out var status) && !int.TryParse(text, out _) ? status : null;
}

/// <summary>
/// What an approved application granted: the title or status, its document, the period it runs for (computed from the
/// program's settings when the award is made), where it stands, and the funds where the program funds. The scope
/// columns (city, district, running authority) are copied from the application so staff lists are one indexed query.
/// Its life is recorded in <see cref="AwardEvent"/>s; what the awardee owes are obligation filings (applications of
/// kind <see cref="ApplicationKind.Obligation"/>) naming it.
/// </summary>
public sealed class Award : Workflows.IReviewerPlaced
{
    public Guid Id { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RoundId { get; set; }

    /// <summary>The application that won it (one award per application).</summary>
    public Guid ApplicationId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string OrganisationName { get; set; }

    public string? CreditCode { get; set; }

    /// <summary>A joint applicant named in the application (e.g. seed 004 表3), as it was named.</summary>
    public string? JointApplicant { get; set; }

    public required string CityCode { get; set; }

    public string? DistrictCode { get; set; }

    public required string OwnerAuthority { get; set; }

    /// <summary>The title or status granted (e.g. 辽宁省高价值专利培育中心).</summary>
    public required string Title { get; set; }

    public string? DocumentNumber { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>The kind of period (construction, cultivation, validity, implementation) and its label (建设期…).</summary>
    public required string PeriodKind { get; set; }

    public required string PeriodLabel { get; set; }

    /// <summary>The last day of the period.</summary>
    public DateOnly EndDate { get; set; }

    public AwardStatus Status { get; set; }

    /// <summary>Funds in 万元 where the program funds (null otherwise).</summary>
    public decimal? FundsGranted { get; set; }

    public decimal? FundsDisbursed { get; set; }

    public decimal? FundsClawedBack { get; set; }

    /// <summary>How the claw-back was computed, as shown to both sides.</summary>
    public string? ClawbackComputation { get; set; }

    /// <summary>What the public directory shows of the awardee (e.g. address, 服务事项清单), kept in step with change reports.</summary>
    public JsonObject Directory { get; set; } = [];

    public int Renewals { get; set; }

    public string? EndReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int LastSequence { get; set; }

    public required string LastHash { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> e)
    {
        e.ToTable("awards");
        e.HasKey(x => x.Id);
        e.HasOne<ProgramInstance>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ApplicationId).IsUnique();
        e.HasIndex(x => new { x.OrganisationId, x.Status });
        e.HasIndex(x => new { x.ProgramId, x.Status });
        e.HasIndex(x => new { x.CityCode, x.Status });
        e.HasIndex(x => new { x.Status, x.EndDate });
        e.Property(x => x.OrganisationName).HasMaxLength(200);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.JointApplicant).HasMaxLength(200);
        e.Property(x => x.CityCode).HasMaxLength(6);
        e.Property(x => x.DistrictCode).HasMaxLength(6);
        e.Property(x => x.OwnerAuthority).HasMaxLength(6);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.DocumentNumber).HasMaxLength(100);
        e.Property(x => x.PeriodKind).HasMaxLength(32);
        e.Property(x => x.PeriodLabel).HasMaxLength(32);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.FundsGranted).HasPrecision(12, 2);
        e.Property(x => x.FundsDisbursed).HasPrecision(12, 2);
        e.Property(x => x.FundsClawedBack).HasPrecision(12, 2);
        e.Property(x => x.ClawbackComputation).HasMaxLength(2000);
        e.Property(x => x.Directory).HasColumnType("jsonb").HasConversion(Data.JsonColumns.JsonObjectConverter, Data.JsonColumns.JsonObjectComparer);
        e.Property(x => x.EndReason).HasMaxLength(2000);
        e.Property(x => x.LastHash).HasMaxLength(64);
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}
