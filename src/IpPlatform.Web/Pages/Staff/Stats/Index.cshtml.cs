using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Exports;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Staff.Stats;

/// <summary>
/// Statistics for reviewers of a program and round (or all of them), trimmed to their scope by the review queue's rule:
/// tables, charts drawn on the server, and the same tables as an xlsx workbook. Staff without a reviewer role are refused.
/// </summary>
public sealed class IndexModel(ReadStatistics statistics, ListPrograms programs, RoundQueries rounds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Program { get; set; }
    [BindProperty(SupportsGet = true)] public string? Round { get; set; }

    public RoundStatistics Stats { get; private set; } = null!;

    public IReadOnlyList<StatisticsTable> Tables { get; private set; } = [];

    public IReadOnlyList<ProgramInstance> Programs { get; private set; } = [];

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.WorkflowActor().IsReviewer)
        {
            return Forbid();
        }

        await ComputeAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!User.WorkflowActor().IsReviewer)
        {
            return Forbid();
        }

        await ComputeAsync();
        if (!ModelState.IsValid)
        {
            return Page();   // the page names the unknown filter; a workbook of everything would say nothing of it
        }

        var bytes = XlsxTable.Write(Tables.Select(t => new XlsxSheet(t.Title, t.Headers, t.Rows)).ToList());
        return File(bytes, XlsxTable.ContentType, $"统计-{Stats.ComputedAt.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}.xlsx");
    }

    public StatisticsTable Table(string key) => Tables.First(t => t.Key == key);

    /// <summary>The query string of the current filters, with a handler (the download link).</summary>
    public string Link(string? handler = null) => "/staff/stats" + Microsoft.AspNetCore.Http.QueryString.Create(
        new Dictionary<string, string?> { ["program"] = Filter().Program, ["round"] = Filter().Round, ["handler"] = handler }.Where(v => v.Value is not null));

    private async Task ComputeAsync()
    {
        await KeepKnownFiltersAsync();
        Stats = await statistics.RunAsync(User.WorkflowActor(), Filter(), HttpContext.RequestAborted);
        Tables = StatisticsTables.Of(Stats);
    }

    /// <summary>
    /// A program or round that does not exist (an edited or stale link) is named in an error and left out, so the page
    /// counts everything rather than nothing — and no made-up filter starts a count or takes a place in the cache.
    /// </summary>
    private async Task KeepKnownFiltersAsync()
    {
        var ct = HttpContext.RequestAborted;
        (Program, Round) = (Blank(Program), Blank(Round));
        Programs = await programs.RunAsync(ct);
        if (Blank(Program) is { } program && Programs.All(p => p.Slug != program))
        {
            ModelState.AddModelError("program", $"项目：没有标识为“{Clip(program)}”的项目，已改为统计全部项目");
            Program = null;
        }

        Rounds = Blank(Program) is { } slug ? await rounds.RoundsOfAsync(slug, ct) : [];
        if (Blank(Round) is { } round && Rounds.All(r => r.Key != round))
        {
            ModelState.AddModelError("round", Blank(Program) is null
                ? "批次：请先选择项目，再选择它的批次；已改为统计全部批次"
                : $"批次：所选项目没有标识为“{Clip(round)}”的批次，已改为统计全部批次");
            Round = null;
        }
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private StatisticsFilter Filter() => new(Blank(Program), Blank(Round));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
