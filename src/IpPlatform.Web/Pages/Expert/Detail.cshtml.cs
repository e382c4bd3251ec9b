using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Reviews;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Expert;

/// <summary>
/// One assignment: first the conflict-of-interest declaration (nothing of the application is shown before it), then
/// the application and the score sheet (draft or submit). Another expert's assignment does not exist (404).
/// </summary>
public sealed class DetailModel(ExpertAssignments reviews, DeclareConflictOfInterest declare, ScoreApplication scoreApplication, OpenApplicationFile openFile) : PageModel
{
    public ExpertAssignment Assignment { get; private set; } = null!;

    public ApplicationView? Application { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeclareAsync(Guid id, bool conflict, string? reason)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var outcome = await declare.DeclareAsync(Assignment, conflict, reason, User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            await LoadAsync(id);
            return Page();
        }

        TempData["Status"] = conflict ? "已回避，该申报将另行分配专家" : "已声明无利益冲突，可以开始评分";
        return Redirect(conflict ? "/expert" : $"/expert/{id}");
    }

    public async Task<IActionResult> OnPostScoreAsync(Guid id, bool submit)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var sheet = Assignment.Rubric.Items.ToDictionary(i => i.Key, i => (Request.Form[$"score.{i.Key}"].ToString(), Request.Form[$"comment.{i.Key}"].ToString()));
        var outcome = await scoreApplication.ScoreAsync(Assignment, sheet, submit, User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors.All)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : $"score.{field}", message);
            }

            return Page();
        }

        TempData["Status"] = submit ? $"评分表已提交（总分 {outcome.Value!.Total:0.#}）" : "评分已暂存";
        return Redirect($"/expert/{id}");
    }

    /// <summary>An attachment of the application, for an expert who has declared no conflict (404 before that).</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, string slot)
    {
        if (!await LoadAsync(id) || Application is null || await openFile.OpenFileAsync(Application, slot, HttpContext.RequestAborted) is not { } opened)
        {
            return NotFound();
        }

        return File(opened.Content, opened.File.ContentType, opened.File.FileName);
    }

    /// <summary>What to show in an item's score or comment: as posted when the save was refused, else as stored.</summary>
    public string Value(string part, string item) =>
        Request.HasFormContentType ? Request.Form[$"{part}.{item}"].ToString() : Assignment.Scores[item]?[part]?.ToString() ?? "";

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!User.HasRole(StaffRole.Expert) || await reviews.FindAsync(id, User.UserId(), HttpContext.RequestAborted) is not { } assignment)
        {
            return false;
        }

        Assignment = assignment;
        Application = await reviews.ApplicationAsync(assignment, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return true;
    }
}
