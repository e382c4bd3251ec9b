using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Exports;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Publicity;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Web.Hosting;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review;

/// <summary>
/// 公示 for the authority running a program: create one from the applications its decision would approve (start date and
/// N working days → end date by the calendar), see the objections with the objectors' details and evidence, uphold or
/// dismiss each with a reason, export the list.
/// </summary>
public sealed class PublicityModel(PublicityViews publicity, PublicityCandidates publicityCandidates, OpenPublicity openPublicity, HandleObjection handleObjection, ListRounds rounds, FileStore files, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Round { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Intro { get; set; }
    [BindProperty, Display(Name = "开始日期")] public DateOnly? StartDate { get; set; }
    [BindProperty, Display(Name = "公示期（工作日）")] public int WorkingDays { get; set; } = PublicityViews.DefaultWorkingDays;
    [BindProperty] public List<Guid> Applications { get; set; } = [];

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    public IReadOnlyList<ApplicationView> Candidates { get; private set; } = [];

    public IReadOnlyList<PublicNotice> Notices { get; private set; } = [];

    /// <summary>The 公示 being managed (with <see cref="Entries"/> and <see cref="Objections"/>), when one is chosen.</summary>
    public PublicNotice? Notice { get; private set; }

    public IReadOnlyList<PublicNoticeEntry> Entries { get; private set; } = [];

    public IReadOnlyList<Objection> Objections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!IsReviewer() || !await LoadAsync(id))
        {
            return NotFound();
        }

        // The program's own 公示 period (e.g. seed 002's PublicNoticeWorkingDays), which the editor of the program sets.
        WorkingDays = Round is null ? WorkingDays : await publicity.DefaultWorkingDaysAsync(Round, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!IsReviewer() || Round is null)
        {
            return NotFound();
        }

        // A value that did not even bind (letters for the number of days) is reported, never replaced by the default.
        if (!ModelState.IsValid)
        {
            await LoadAsync(null);
            return Page();
        }

        var outcome = await openPublicity.CreateAsync(Round, Applications, Title, Intro, StartDate ?? BeijingTime.Today(clock), WorkingDays, User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            await LoadAsync(null);
            return Page();
        }

        TempData["Status"] = $"已发布公示，公示期至{outcome.Value!.EndDate:yyyy年M月d日}";
        return Redirect($"/review/publicity/{outcome.Value.Id}");
    }

    public async Task<IActionResult> OnPostHandleAsync(Guid id, Guid objection, bool uphold, string? decision)
    {
        if (!IsReviewer())
        {
            return NotFound();
        }

        var outcome = await handleObjection.HandleAsync(objection, uphold, decision, User.WorkflowActor(), HttpContext.RequestAborted);
        TempData["Status"] = outcome.Succeeded ? (uphold ? "异议成立，该单位已撤出公示名单" : "异议不成立，已记录理由") : outcome.Errors.All[0].Message;
        return Redirect($"/review/publicity/{id}");
    }

    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid objection, Guid file)
    {
        if (!IsReviewer() || !await LoadAsync(id) || Notice is null
            || Objections.FirstOrDefault(o => o.Id == objection)?.Evidence.Any(e => e?["file"]?.ToString() == file.ToString()) != true
            || await files.FindAsync(file, HttpContext.RequestAborted) is not { } stored)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(files.OpenRead(stored), stored.ContentType, stored.FileName);
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!IsReviewer() || !await LoadAsync(id) || Notice is null)
        {
            return NotFound();
        }

        var bytes = XlsxTable.Write(Notice.Title, ["序号", "单位名称", "状态", "说明"],
            Entries.Select(e => (IReadOnlyList<object?>)[e.Position, e.OrganisationName, e.Withdrawn ? "已撤出" : "公示中", e.WithdrawnReason]));
        return File(bytes, XlsxTable.ContentType, $"公示名单-{Notice.StartDate:yyyyMMdd}.xlsx");
    }

    private bool IsReviewer() => User.WorkflowActor().IsReviewer;

    private async Task<bool> LoadAsync(Guid? id)
    {
        var actor = User.WorkflowActor();
        var ct = HttpContext.RequestAborted;
        Rounds = await rounds.RunAsync(ct);
        Notices = (await publicity.ListAsync(ct)).Where(n => PublicityViews.Manages(n, actor)).ToList();
        Candidates = Round is null ? [] : await publicityCandidates.CandidatesAsync(Round, actor, ct);
        if (id is { } chosen)
        {
            // Objectors' details are for the authority running the program only.
            if (await publicity.FindAsync(chosen, ct) is not { } found || !PublicityViews.Manages(found.Notice, actor))
            {
                return false;
            }

            (Notice, Entries) = found;
            Objections = await publicity.ObjectionsAsync(chosen, ct);
        }

        Response.Headers.CacheControl = "no-store";
        return true;
    }
}
