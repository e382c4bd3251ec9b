using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Awards;

/// <summary>One occurrence of an obligation: which, for which period (its label), from when it can be filed, its last day.</summary>
public sealed record ObligationOccurrence(ObligationDeclaration Obligation, string PeriodLabel, DateOnly OpensOn, DateOnly DueOn);

/// <summary>
/// When the scheduled obligations of an award fall due, from its start and end dates and the program's settings
/// (docs/awards-format.md). Pure: the same award and settings always give the same occurrences.
/// </summary>
public static class ObligationSchedule
{
    public static IReadOnlyList<ObligationOccurrence> For(AwardDeclaration declaration, DateOnly start, DateOnly end, JsonObject settings)
    {
        var result = new List<ObligationOccurrence>();
        foreach (var obligation in declaration.ObligationList.Where(o => o.Due.Scheduled))
        {
            result.AddRange(Occurrences(obligation, start, end, settings, declaration.Period.Label));
        }

        return result.OrderBy(o => o.DueOn).ToList();
    }

    private static IEnumerable<ObligationOccurrence> Occurrences(ObligationDeclaration o, DateOnly start, DateOnly end, JsonObject settings, string periodLabel)
    {
        var due = o.Due;
        switch (due.Kind)
        {
            case ObligationDue.AfterAward:
                var months = ValueExpression.Int(due.Months, settings) ?? 0;
                var after = start.AddMonths(months);
                yield return new(o, $"授予后{months}个月", after.AddMonths(-due.OpensMonthsBefore), after);
                break;

            case ObligationDue.EveryAwardYear:
                // Each full year of the period that ends before the period does (the last one ends in the end-of-term check).
                var grace = ValueExpression.Int(due.Months, settings) ?? 0;
                for (var year = 1; start.AddYears(year) < end; year++)
                {
                    var anniversary = start.AddYears(year);
                    var dueOn = anniversary.AddMonths(grace);
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
                        yield return new(o, $"{year}年度", opensOn, dueOn);
                    }
                }

                break;

            case ObligationDue.PeriodEnd:
                yield return new(o, $"{periodLabel}期满（{end:yyyy-MM-dd}）", end.AddMonths(-due.OpensMonthsBefore), end.AddMonths(due.MonthsAfterEnd));
                break;
        }
    }
}
