using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Exports;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Reviews;
using IpPlatform.Kernel.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review;

/// <summary>The ranking of a round's applications in expert review, within the reviewer's scope (see <see cref="Ranking"/>).</summary>
public sealed class RankingModel(RankRound rankRound, DecideRound decideRound, AssignExpertsAtRandom assignAtRandom, ListRounds rounds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Round { get; set; }

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    public IReadOnlyList<RankedApplication> Ranked { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Organisation, int Submitted, int Active)> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.WorkflowActor().IsReviewer)
        {
            return NotFound();
        }

        Rounds = await rounds.RunAsync(HttpContext.RequestAborted);
        if (Round is not null)
        {
            (Ranked, Pending) = await rankRound.RankingAsync(Round, User.WorkflowActor(), HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string mode, int? top, decimal? threshold, string? reason)
    {
        if (Round is null || await OnGetAsync() is not PageResult)
        {
            return NotFound();
        }

        var outcome = await decideRound.DecideAsync(Round, mode == "rank" ? top ?? 0 : null, mode == "threshold" ? threshold ?? -1 : null, reason,
            User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors.All)
            {
                ModelState.AddModelError(field, message);
            }

            await OnGetAsync();
            return Page();
        }

        TempData["Status"] = $"已作出决定：{outcome.Value.Selected} 个入选，{outcome.Value.NotSelected} 个未入选";
        return Redirect($"/review/ranking?round={Uri.EscapeDataString(Round)}");
    }

    /// <summary>Bulk assignment: every application of the round in expert review is topped up to N experts at random.</summary>
    public async Task<IActionResult> OnPostAssignAllAsync(int count, bool otherCity)
    {
        if (Round is null || await OnGetAsync() is not PageResult)
        {
            return NotFound();
        }

        var ids = Ranked.Select(r => r.ApplicationId).Concat(Pending.Select(p => p.Id)).Distinct().ToList();
        var outcome = await assignAtRandom.AssignRandomAsync(ids, count, otherCity, User.WorkflowActor(), ct: HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors.All)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        TempData["Status"] = $"已为{ids.Count}份申报随机分配{outcome.Value}位专家";
        return Redirect($"/review/ranking?round={Uri.EscapeDataString(Round)}");
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (Round is null || await OnGetAsync() is not PageResult)
        {
            return NotFound();
        }

        var bytes = XlsxTable.Write("专家评审排名", ["名次", "申报单位", "得分", "有效评分表", "去掉最高最低分", "最重评分项平均分"],
            Ranked.Select(r => (IReadOnlyList<object?>)[r.Rank, r.Organisation, decimal.Round(r.Score, 2), r.Sheets, r.Trimmed ? "是" : "否", decimal.Round(r.HeaviestItemMean, 2)]));
        return File(bytes, XlsxTable.ContentType, $"专家评审排名-{Round}.xlsx");
    }
}
