using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Statistics;

/// <summary>Which program and round the statistics are of (null: every one the viewer reaches).</summary>
public sealed record StatisticsFilter(string? Program = null, string? Round = null);

/// <summary>Submitted applications in one state of their chain (drafts are the applicant's own and never counted).</summary>
public sealed record StateFigure(string State, string Label, WorkflowPhase Phase, int Count);

/// <summary>Submitted applications of one city or district, by where they stand now.</summary>
public sealed record PlaceFigure(
    string Code, string Name, int Submitted, int InReview, int Returned, int Approved, int Rejected, int Closed, int CorrectionsOverdue);

/// <summary>
/// How long something took in working days (the admin-maintained calendar: weekends, holidays and 调休): how many
/// applications or steps, how many of them could be counted (both days in a maintained year), the median and the 90th
/// percentile (null when none was counted).
/// </summary>
public sealed record Duration(string Key, string Label, int Count, int Counted, double? Median, double? P90);

/// <summary>
/// What reviewers decided, from the histories: applications passed on by a district or city (推荐), approved, rejected,
/// returned for correction at least once (and how many returns in all), and the working days from the first submission to
/// the first decision of each kind (<see cref="ToDecision"/>) and taken by each review level (<see cref="PerLevel"/>: from
/// the step before to the level's own step).
/// </summary>
public sealed record DecisionFigures(
    int Recommended, int Approved, int Rejected, int Returned, int Returns, IReadOnlyList<Duration> ToDecision, IReadOnlyList<Duration> PerLevel);

/// <summary>公示: how many lists, applications listed and withdrawn, objections by outcome.</summary>
public sealed record PublicityFigures(int Notices, int Listed, int Withdrawn, int Objections, int ObjectionsOpen, int ObjectionsUpheld, int ObjectionsDismissed);

/// <summary>Awards by status with their funds (万元, where the program funds), and obligations due this month and overdue.</summary>
public sealed record AwardFigures(
    IReadOnlyList<(AwardStatus Status, int Count)> ByStatus, decimal Granted, decimal Disbursed, decimal ClawedBack, int ObligationsDueThisMonth,
    int ObligationsOverdue);

/// <summary>Submissions (first submissions) of one Beijing day.</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>The round chosen, for the timeline against its deadline.</summary>
public sealed record RoundWindow(string Title, DateOnly? Opens, DateOnly Closes);

/// <summary>Everything the statistics page shows, as of <see cref="ComputedAt"/>.</summary>
public sealed record RoundStatistics(
    DateTimeOffset ComputedAt, IReadOnlyList<StateFigure> ByState, IReadOnlyList<PlaceFigure> ByCity, IReadOnlyList<PlaceFigure> ByDistrict,
    DecisionFigures Decisions, PublicityFigures Publicity, AwardFigures Awards, RoundWindow? Round, IReadOnlyList<DayCount> Timeline)
{
    public int Submitted => ByState.Sum(s => s.Count);

    public int CorrectionsOverdue => ByCity.Sum(c => c.CorrectionsOverdue);

    public int Awarded => Awards.ByStatus.Sum(s => s.Count);
}
