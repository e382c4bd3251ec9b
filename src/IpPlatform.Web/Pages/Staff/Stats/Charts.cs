using System.Globalization;
using IpPlatform.Kernel.Statistics;

namespace IpPlatform.Web.Pages.Staff.Stats;

/// <summary>One bar of a chart, laid out: its label, value and the rectangle's geometry (SVG user units).</summary>
public sealed record Bar(string Label, int Value, double X, double Y, double Width, double Height);

/// <summary>
/// A chart drawn on the server as SVG (role="img" with a title and a description; every value also written as text, and the
/// same numbers in the table beside it). Geometry only: the partial views draw it with presentation attributes, so the
/// strict CSP (no inline style) holds.
/// </summary>
public sealed record Chart(string Id, string Title, string Description, double Width, double Height, IReadOnlyList<Bar> Bars, IReadOnlyList<Tick> Ticks, Marker? Marker)
{
    public const double LabelWidth = 150, BarHeight = 22, Gap = 8, PlotWidth = 420, Top = 10;

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Horizontal bars, one per item, scaled to the largest.</summary>
    public static Chart Horizontal(string id, string title, string description, IReadOnlyList<(string Label, int Value)> items)
    {
        var max = Math.Max(1, items.Count == 0 ? 1 : items.Max(i => i.Value));
        var bars = items.Select((item, n) => new Bar(item.Label, item.Value, LabelWidth, Top + n * (BarHeight + Gap),
            Math.Max(item.Value == 0 ? 0 : 1, PlotWidth * item.Value / max), BarHeight)).ToList();
        return new Chart(id, title, description, LabelWidth + PlotWidth + 70, Top * 2 + items.Count * (BarHeight + Gap), bars, [], null);
    }

    /// <summary>
    /// Submissions per day as columns from the round's opening (or the first submission) to its last day (or the last
    /// submission), with the last day marked; a date label under the first column of every week.
    /// </summary>
    public static Chart Timeline(string id, RoundWindow round, IReadOnlyList<DayCount> days)
    {
        var first = new[] { round.Opens ?? round.Closes, days.Count > 0 ? days[0].Day : round.Closes }.Min();
        var last = new[] { round.Closes, days.Count > 0 ? days[^1].Day : round.Closes }.Max();
        var span = last.DayNumber - first.DayNumber + 1;
        const double left = 40, plot = 560, height = 160, bottom = 40;
        var column = plot / span;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Count));
        var bars = days.Select(d => new Bar(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Count,
            left + (d.Day.DayNumber - first.DayNumber) * column, Top + height * (1 - (double)d.Count / max), Math.Max(1, column * 0.8), height * d.Count / max)).ToList();
        var ticks = Enumerable.Range(0, span).Where(i => i % 7 == 0)
            .Select(i => new Tick(first.AddDays(i).ToString("MM-dd", CultureInfo.InvariantCulture), left + i * column)).ToList();
        var marker = new Marker($"截止 {round.Closes:MM-dd}", left + (round.Closes.DayNumber - first.DayNumber + 0.5) * column, Top, Top + height);
        var total = days.Sum(d => d.Count);
        var lastWeek = days.Where(d => d.Day > round.Closes.AddDays(-7) && d.Day <= round.Closes).Sum(d => d.Count);
        var peak = days.Count == 0 ? null : days.MaxBy(d => d.Count);
        var description = $"{first:yyyy-MM-dd}至{last:yyyy-MM-dd}每日提交的申报件数，共{total}件；截止日期{round.Closes:yyyy-MM-dd}，截止前7天内提交{lastWeek}件"
            + (peak is null ? "。" : $"；最多的一天是{peak.Day:yyyy-MM-dd}，{peak.Count}件。");
        return new Chart(id, $"{round.Title}：申报提交时间线", description, left + plot + 20, Top + height + bottom, bars, ticks, marker) { Max = max };
    }

    /// <summary>The largest value (the timeline's vertical scale).</summary>
    public int Max { get; init; }

    public string TitleId => Id + "-title";

    public string DescriptionId => Id + "-desc";
}

/// <summary>A label on the horizontal axis.</summary>
public sealed record Tick(string Label, double X);

/// <summary>A vertical line across the plot with its label (the round's last day).</summary>
public sealed record Marker(string Label, double X, double Y1, double Y2);
