using IpPlatform.Identity.Authorization;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Web.Pages.Shared;
using IpPlatform.Kernel.Time;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Applications;

/// <summary>
/// The application form: every save keeps exactly what was typed (drafts are never checked); submitting checks everything
/// and lists each problem with a link to its field; after submitting it is read-only. Other organisations get 404.
/// </summary>
[RequestSizeLimit(100L * 1024 * 1024 + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 100L * 1024 * 1024 + 1024 * 1024, ValueCountLimit = 20_000)]
[RateLimited(LimitedAction.Upload, "Attach")]
public sealed class ApplicationModel(LoadApplication applications, ApplicationChecks checks, SaveDraft saveDraft, AttachFile attachFile, SubmitApplication submitApplication, OpenApplicationFile openFile, WorkflowHistory history, AuthorityNames authorityNames, TimeProvider clock) : PageModel
{
    public Timeline? Timeline { get; private set; }

    /// <summary>Why the application cannot be changed now (submitted, round closed, correction deadline passed); null when it can.</summary>
    public string? Locked => checks.CannotChange(View);

    /// <summary>The latest return for correction, while the application is returned: its list of items, reason and deadline.</summary>
    public WorkflowHistoryEntry? OpenReturn => View.Application.Status == ApplicationStatus.Returned
        ? Timeline?.Entries.LastOrDefault(e => View.Workflow.State(e.ToState)?.Phase == WorkflowPhase.Returned && e.Inputs["corrections"] is not null)
        : null;

    public ApplicationView View { get; private set; } = null!;

    public IReadOnlyList<FormProblem> Problems { get; private set; } = [];

    /// <summary>Sections with at least one problem (for the completion marks).</summary>
    public ISet<string> Incomplete { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string? rowAction)
    {
        if (!await LoadAsync(id, withFiles: false))
        {
            return NotFound();
        }

        var saved = await SavePostedAsync(rowAction);
        TempData["Status"] = saved.Succeeded ? $"已保存（{SavedAt}）" : saved.Errors.All[0].Message;
        var anchor = TableOf(rowAction) is { } table ? "#" + FormAnswers.Anchor(table.Section.Key, table.Field.Key) : "";
        return Redirect($"/applications/{id}{anchor}");
    }

    /// <summary>htmx autosave: the same save, answered with a one-line status.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id)
    {
        if (!await LoadAsync(id, withFiles: false))
        {
            return NotFound();
        }

        var saved = await SavePostedAsync(null);
        return Content(saved.Succeeded ? $"已自动保存 {SavedAt}" : saved.Errors.All[0].Message, "text/plain; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // What is on the page is saved first: a submission with problems loses nothing.
        var saved = await SavePostedAsync(null);
        if (!saved.Succeeded)
        {
            ModelState.AddFieldErrors(saved.Errors, prefix: "");
            return Page();
        }

        var outcome = await submitApplication.SubmitAsync(View, User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return Page();
        }

        if (outcome.Value!.Count > 0)
        {
            Problems = outcome.Value;
            Incomplete = Problems.Select(p => p.Section).ToHashSet();
            return Page();
        }

        TempData["Status"] = View.Application.IsObligation ? "已报送，正在审核。报送后不能修改；如被退回补正，可按要求修改后重新报送。" : "申报书已提交，正在审核。提交后不能修改；如被退回补正，可按要求修改后重新提交。";
        return Redirect($"/applications/{id}");
    }

    public async Task<IActionResult> OnPostAttachAsync(Guid id, string slot, IFormFile? file)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (file is null)
        {
            TempData["Status"] = "请选择要上传的文件";
            return Redirect($"/applications/{id}#file-{Uri.EscapeDataString(slot ?? "")}");
        }

        await using var stream = file.OpenReadStream();
        var outcome = await attachFile.AttachAsync(View, slot, stream, file.FileName, User.UserId(), HttpContext.RequestAborted);
        TempData["Status"] = outcome.Succeeded ? $"已上传“{outcome.Value!.FileName}”" : outcome.Errors.All[0].Message;
        return Redirect($"/applications/{id}#file-{Uri.EscapeDataString(slot ?? "")}");
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, string slot)
    {
        if (!await LoadAsync(id) || await openFile.OpenFileAsync(View, slot, HttpContext.RequestAborted) is not { } opened)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(opened.Content, opened.File.ContentType, opened.File.FileName);
    }

    private string SavedAt => BeijingTime.Now(clock).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page allows large uploads; a save of the answers alone never needs more than this.</summary>
    private const long MaxAnswersBytes = 4L * 1024 * 1024;

    private async Task<Kernel.Outcome<Application>> SavePostedAsync(string? rowAction)
    {
        if (Request.ContentLength > MaxAnswersBytes || Request.HasFormContentType && Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return Kernel.Outcome<Application>.Fail("", "一次保存的内容过大或格式不正确，未保存；请精简后再保存");
        }

        var answers = FormAnswers.FromForm(View.Form, View.Sections, name => Request.Form[name].Select(v => v ?? "").ToList());
        if (TableOf(rowAction) is { } table && table.Field.FixedRows is null && answers[table.Section.Key]?[table.Field.Key] is JsonArray rows)
        {
            if (rowAction!.StartsWith("add:", StringComparison.Ordinal) && rows.Count < FormAnswers.MaxRows(table.Field))
            {
                rows.Add(new JsonObject());
            }
            else if (rowAction.StartsWith("remove:", StringComparison.Ordinal) && rows.Count > (table.Field.MinRows ?? 1))
            {
                rows.RemoveAt(rows.Count - 1);
            }
        }

        var declarations = View.Form.DeclarationList.Where(d => Request.Form[$"declaration.{d.Key}"] == "true").Select(d => d.Key);
        return await saveDraft.SaveDraftAsync(View, answers, declarations, HttpContext.RequestAborted);
    }

    /// <summary>The growing or fixed table a row button ("add:section.field" / "remove:section.field") names, if it is one of this form's.</summary>
    private (FormSection Section, FormField Field)? TableOf(string? rowAction) =>
        rowAction?.Split(':', 2) is ["add" or "remove", var path] && path.Split('.') is [var section, var field]
        && View.Sections.FirstOrDefault(s => s.Key == section) is { } s
        && s.Fields.FirstOrDefault(f => f.Key == field && f.Kind == FieldKind.Table) is { } f
            ? (s, f) : null;

    private async Task<bool> LoadAsync(Guid id, bool withFiles = true)
    {
        if (User.OrganisationId() is not { } organisation
            || await applications.FindAsync(id, organisation, withFiles, HttpContext.RequestAborted) is not { } view)
        {
            return false;
        }

        View = view;
        if (withFiles)
        {
            Timeline = new Timeline(await history.ForAsync(view.Instance.Id, HttpContext.RequestAborted), view.Workflow,
                await authorityNames.GetAsync(HttpContext.RequestAborted), ForStaff: false, view.Application.Id);
        }

        if (Request.Method == "GET")
        {
            Incomplete = FormAnswers.Validate(view.Form, view.Application.Variant, view.Application.Answers, view.Application.Declarations.ToHashSet())
                .Select(p => p.Section).ToHashSet();
        }

        Response.Headers.CacheControl = "no-store";
        return true;
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024:0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";

}
