using IpPlatform.Kernel.Data;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Programs;

public enum RoundState
{
    NotYetOpen,
    Open,
    Closed,
}

public sealed record Milestone(string Name, DateOnly Date);

/// <summary>What a round can pin to one version.</summary>
public enum RoundPin
{
    Form,
    Workflow,
}

/// <summary>
/// A round (年度批次) of a program: when it accepts applications (Beijing time), the texts shown before it opens and
/// after it closes (its notice is the published notice whose round field names it), and the form and workflow versions it pins (filled by the forms and workflow features).
/// Its state is computed from the clock, never stored.
/// </summary>
public sealed class Round
{
    public const int MaxTitleLength = 200;

    public const int MaxTextLength = 2000;

    public Guid Id { get; set; }

    /// <summary>Stable key, e.g. high-value-patent-2024.</summary>
    public required string Key { get; set; }

    public Guid ProgramId { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    /// <summary>Null when the seed gives no opening date: open from publication until it closes.</summary>
    public DateTimeOffset? OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    public string? FormVersion { get; set; }

    public string? WorkflowVersion { get; set; }

    public string? BeforeOpenText { get; set; }

    public string? AfterCloseText { get; set; }

    /// <summary>Later dates of the round (e.g. 阶段核查, 综合评估).</summary>
    public List<Milestone> Milestones { get; set; } = [];

    public RoundState StateAt(DateTimeOffset now) =>
        OpensAt is { } opens && now < opens ? RoundState.NotYetOpen
        : now < ClosesAt ? RoundState.Open
        : RoundState.Closed;

    /// <summary>Whole days left until closing, counting today (Beijing); 0 once closed.</summary>
    public int DaysLeft(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(BeijingTime.Offset).DateTime);
        var last = DateOnly.FromDateTime(ClosesAt.ToOffset(BeijingTime.Offset).AddTicks(-1).DateTime);
        return Math.Max(0, last.DayNumber - today.DayNumber + 1);
    }
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> e)
    {
        e.ToTable("rounds");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasOne<ProgramInstance>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ProgramId, x.Year });
        e.Property(x => x.Title).HasMaxLength(Round.MaxTitleLength);
        e.Property(x => x.FormVersion).HasMaxLength(64);
        e.Property(x => x.WorkflowVersion).HasMaxLength(64);
        e.Property(x => x.BeforeOpenText).HasMaxLength(Round.MaxTextLength);
        e.Property(x => x.AfterCloseText).HasMaxLength(Round.MaxTextLength);
        e.Property(x => x.Milestones).HasColumnType("jsonb").HasConversion(JsonColumns.DocumentConverter<List<Milestone>>(), JsonColumns.ListComparer<Milestone>());
    }
}

public static class RoundStateNames
{
    public static string ToChinese(this RoundState state) => state switch
    {
        RoundState.NotYetOpen => "尚未开始",
        RoundState.Open => "正在申报",
        RoundState.Closed => "已截止",
        _ => state.ToString(),
    };
}
