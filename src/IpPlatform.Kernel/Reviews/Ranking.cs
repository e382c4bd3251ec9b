namespace IpPlatform.Kernel.Reviews;

/// <summary>One submitted score sheet, as the ranking needs it.</summary>
public sealed record SheetScore(decimal Total, decimal HeaviestItem);

public sealed record RankingEntry(Guid ApplicationId, string Organisation, DateTimeOffset? FirstSubmittedAt, IReadOnlyList<SheetScore> Sheets);

public sealed record RankedApplication(Guid ApplicationId, string Organisation, int Rank, decimal Score, int Sheets, bool Trimmed, decimal HeaviestItemMean);

/// <summary>
/// Aggregation and ranking of expert scores. The score of an application is the mean of its experts' totals; with
/// <c>trimFrom</c> or more sheets the highest and the lowest total are dropped first (one each). Order: higher score;
/// on a tie, the higher mean score on the rubric's heaviest item (e.g. 建设方案, 30 points); then the earlier first
/// submission. Applications still equal on all three share a rank (1, 2, 2, 4). Applications without a submitted sheet
/// are not ranked.
/// </summary>
public static class Ranking
{
    /// <summary>The mean of the experts' totals, the highest and lowest dropped when at least <paramref name="trimFrom"/> (and three) scored.</summary>
    public static (decimal Score, bool Trimmed) Score(IReadOnlyList<decimal> totals, int trimFrom)
    {
        var trimmed = totals.Count >= trimFrom && totals.Count >= 3;
        var sorted = totals.Order().ToList();
        var counted = trimmed ? sorted.Skip(1).Take(sorted.Count - 2).ToList() : sorted;
        return (counted.Count == 0 ? 0 : counted.Average(), trimmed);
    }

    public static IReadOnlyList<RankedApplication> Rank(IEnumerable<RankingEntry> entries, int trimFrom)
    {
        var scored = entries.Where(e => e.Sheets.Count > 0).Select(e =>
        {
            var (score, trimmed) = Score(e.Sheets.Select(s => s.Total).ToList(), trimFrom);
            return (Entry: e, Score: score, Trimmed: trimmed, Heaviest: e.Sheets.Average(s => s.HeaviestItem));
        }).OrderByDescending(x => x.Score).ThenByDescending(x => x.Heaviest).ThenBy(x => x.Entry.FirstSubmittedAt ?? DateTimeOffset.MaxValue).ToList();

        var ranked = new List<RankedApplication>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var x = scored[i];
            var tiedWithPrevious = i > 0 && scored[i - 1] is var p && p.Score == x.Score && p.Heaviest == x.Heaviest
                && p.Entry.FirstSubmittedAt == x.Entry.FirstSubmittedAt;
            var rank = tiedWithPrevious ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedApplication(x.Entry.ApplicationId, x.Entry.Organisation, rank, x.Score, x.Entry.Sheets.Count, x.Trimmed, x.Heaviest));
        }

        return ranked;
    }
}
