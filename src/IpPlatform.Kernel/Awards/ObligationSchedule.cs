using System.Text.Json.Nodes;
using IpPlatform.Kernel.Programs;

namespace IpPlatform.Kernel.Awards;

/// <summary>One occurrence of an obligation: which, for which period (its label), from when it can be filed, its last day.</summary>
public sealed record ObligationOccurrence(ObligationDeclaration Obligation, string PeriodLabel, DateOnly OpensOn, DateOnly DueOn);

/// <summary>
/// When the scheduled obligations of an award fall due, from its start and end dates, the program's settings and the
/// dates of its round (docs/awards-format.md). Pure: the same award, settings and round always give the same occurrences.
/// </summary>
public static class ObligationSchedule
{
    public static IReadOnlyList<ObligationOccurrence> For(
        AwardDeclaration declaration, DateOnly start, DateOnly end, JsonObject settings, IReadOnlyList<Milestone>? milestones = null)
    {
        var result = new List<ObligationOccurrence>();
        foreach (var obligation in declaration.ObligationList.Where(o => o.Due.Scheduled))
        {
            result.AddRange(Occurrences(obligation, start, end, settings, declaration.Period.Label, milestones ?? []));
        }

        return result.OrderBy(o => o.DueOn).ToList();
    }

    private static IEnumerable<ObligationOccurrence> Occurrences(
        ObligationDeclaration o, DateOnly start, DateOnly end, JsonObject settings, string periodLabel, IReadOnlyList<Milestone> milestones)
    {
        var due = o.Due;
        DateOnly Opens(DateOnly dueOn) => due.OpensAtStart ? start : dueOn.AddMonths(-due.OpensMonthsBefore);
        switch (due.Kind)
        {
            case ObligationDue.AfterAward:
                var months = ValueExpression.Int(due.Months, settings) ?? 0;
                var after = start.AddMonths(months);
                yield return new(o, $"授予后{months}个月", Opens(after), after);
                break;

            case ObligationDue.EveryAwardYear:
                // Each full year of the period that ends before the period does (the last one ends in the end-of-term
                // check), or every year through the last when the obligation says so (seed 000's feedback) — the last
                // one due by the period's last day, while the award is still in force.
                var grace = ValueExpression.Int(due.Months, settings) ?? 0;
                for (var year = 1; due.ThroughEnd ? start.AddYears(year) <= end.AddDays(1) : start.AddYears(year) < end; year++)
                {
                    var anniversary = start.AddYears(year);
                    var dueOn = anniversary > end ? end : anniversary.AddMonths(grace);
                    yield return new(o, $"第{year}年度（{start.AddYears(year - 1):yyyy-MM-dd}至{anniversary.AddDays(-1):yyyy-MM-dd}）", dueOn.AddMonths(-due.OpensMonthsBefore), dueOn);
                }

                break;

            case ObligationDue.Yearly:
                var month = Math.Clamp(ValueExpression.Int(due.Month, settings) ?? 12, 1, 12);
                var last = end.AddMonths(due.MonthsAfterEnd);
                for (var year = start.Year; year <= last.Year; year++)
                {
                    var dueOn = new DateOnly(year, month, Math.Min(due.Day ?? 31, DateTime.DaysInMonth(year, month)));
                    var opensOn = dueOn.AddMonths(-due.OpensMonthsBefore);
                    if (opensOn >= start && dueOn <= last)
                    {
                        yield return new(o, $"{year + due.YearOffset}年度", opensOn, dueOn);
                    }
                }

                break;

            case ObligationDue.PeriodEnd:
                yield return new(o, $"{periodLabel}期满（{end:yyyy-MM-dd}）", end.AddMonths(-due.OpensMonthsBefore), end.AddMonths(due.MonthsAfterEnd));
                break;

            case ObligationDue.RoundMilestone:
                // The round's date (seed 003: 阶段核查 by 2024-01-05); an award made after it falls back on months from its start.
                var milestone = milestones.FirstOrDefault(m => m.Name == due.Milestone && m.Date > start)?.Date
                    ?? start.AddMonths(ValueExpression.Int(due.Months, settings) ?? 0);
                yield return new(o, $"{due.Milestone}（{milestone:yyyy-MM-dd}前）", Opens(milestone) < start ? start : Opens(milestone), milestone);
                break;
        }
    }
}
