using IpPlatform.Web.Hosting;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review;

/// <summary>
/// One application for a reviewer: the complete application, its history, and the actions the reviewer may take now,
/// each with its inputs. Outside the reviewer's scope the application does not exist (404). A refused action keeps
/// everything typed and names each problem.
/// </summary>
[RequestSizeLimit(21L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 21L * 1024 * 1024)]
[RateLimited(LimitedAction.Upload, "Act")]
public sealed class DetailModel(
    LoadApplication applications, ActOnApplication act, OpenApplicationFile openFile, ApplicationChecks checks, BindActionInputs bind, WorkflowHistory history, AuthorityNames authorityNames, CalendarStore calendars,
    Kernel.Reviews.ExpertAssignments reviews, Kernel.Reviews.AssignExperts assignExperts, Kernel.Reviews.AssignExpertsAtRandom assignAtRandom, Kernel.Awards.AwardDetails awards, Kernel.Awards.FilingFindings findings, TimeProvider clock) : PageModel
{
    /// <summary>The organisation's credit records and bans (any program), which reviewers of its later applications see.</summary>
    public IReadOnlyList<Kernel.Sanctions.CreditRecord> CreditRecords { get; private set; } = [];

    public IReadOnlyList<Kernel.Sanctions.Ban> Bans { get; private set; } = [];

    /// <summary>For an obligation filing: what the module's rules compute from it (e.g. the KPI count).</summary>
    public IReadOnlyList<Kernel.Awards.Finding> Findings { get; private set; } = [];

    /// <summary>The rubric of the expert review this reviewer manages now (null when there is none to manage).</summary>
    public Kernel.Reviews.Rubric? Rubric { get; private set; }

    public IReadOnlyList<Kernel.Reviews.ExpertAssignment> Assignments { get; private set; } = [];

    public IReadOnlyList<Kernel.Reviews.ExpertCandidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnPostAssignAsync(Guid id, List<Guid> experts)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var outcome = await assignExperts.AssignAsync(View, experts, User.WorkflowActor(), HttpContext.RequestAborted);
        return await ExpertOutcomeAsync(id, outcome, $"已分配{outcome.Value}位专家");
    }

    public async Task<IActionResult> OnPostAssignRandomAsync(Guid id, int count, bool otherCity)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var outcome = await assignAtRandom.AssignRandomAsync([id], count, otherCity, User.WorkflowActor(), ct: HttpContext.RequestAborted);
        return await ExpertOutcomeAsync(id, outcome, $"已随机分配{outcome.Value}位专家");
    }

    /// <summary>The experts' score sheets of this application, item by item, with their comments (xlsx).</summary>
    public async Task<IActionResult> OnGetScoresAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!RunsProgram())
        {
            return NotFound();
        }

        var sheets = (await reviews.OfApplicationAsync(id, HttpContext.RequestAborted)).Where(a => a.State == Kernel.Reviews.AssignmentState.Submitted).ToList();
        var items = sheets.FirstOrDefault()?.Rubric.Items ?? [];
        var headers = new[] { "专家", "状态" }.Concat(items.Select(i => $"{i.Label}（{i.Max:0.#}分）")).Concat(["总分", "评语"]).ToList();
        var rows = sheets.Select(a => (IReadOnlyList<object?>)new object?[] { a.ExpertName, Expert.IndexModel.StateText(a.State) }
            .Concat(items.Select(i => (object?)a.Scores[i.Key]?["score"]?.ToString()))
            .Concat([a.Total, string.Join("；", items.Select(i => a.Scores[i.Key]?["comment"]?.ToString() is { Length: > 0 } c ? $"{i.Label}：{c}" : null).Where(c => c is not null))])
            .ToList());
        var bytes = Kernel.Exports.XlsxTable.Write($"{View.Instance.OrganisationName} 专家评分表", headers, rows);
        return File(bytes, Kernel.Exports.XlsxTable.ContentType, $"专家评分表-{View.Instance.OrganisationName}.xlsx");
    }

    private bool RunsProgram() => User.WorkflowActor().ReviewsAt(View.Instance.OwnerAuthority);

    private async Task<IActionResult> ExpertOutcomeAsync(Guid id, Kernel.Outcome<int> outcome, string done)
    {
        if (outcome.Succeeded)
        {
            TempData["Status"] = done;
            return Redirect($"/review/{id}#experts");
        }

        foreach (var (field, message) in outcome.Errors.All)
        {
            ModelState.AddModelError(field, message);
        }

        await LoadDisplayAsync();
        return Page();
    }

    public ApplicationView View { get; private set; } = null!;

    public Timeline Timeline { get; private set; } = null!;

    public IReadOnlyList<WorkflowAction> Actions { get; private set; } = [];

    /// <summary>The action whose form was posted and refused (shown open, with what was typed).</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) && await LoadDisplayAsync() ? Page() : NotFound();

    private bool withFiles = true;

    /// <param name="sequence">
    /// The history length the page showed (its forms always post it): a decision is never applied to a state the reviewer
    /// has not seen, e.g. a resubmission that arrived after the page was opened.
    /// </param>
    public async Task<IActionResult> OnPostActAsync(Guid id, string action, int? sequence)
    {
        withFiles = false;   // acting needs the answers, not the attachment list; a refused action reloads for the page
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Actions.FirstOrDefault(a => a.Key == action) is not { } chosen || (sequence is { } seen && seen != View.Instance.LastSequence))
        {
            TempData["Status"] = "申报状态已有变化，本次操作未执行；请查看最新状态后再操作";
            return Redirect($"/review/{id}");
        }

        var (inputs, problems, postedAnswers) = await bind.RunAsync(View, chosen, Request.Form, User.UserId(), HttpContext.RequestAborted);
        postedSections = postedAnswers;
        var outcome = problems.Any ? null : await act.ActAsync(View, chosen.Key, User.WorkflowActor(), inputs, HttpContext.RequestAborted);
        if (outcome is { Succeeded: true })
        {
            TempData["Status"] = $"已{chosen.Label}";
            return Redirect($"/review/{id}");
        }

        Refused = chosen.Key;
        foreach (var (field, message) in (outcome?.Errors ?? problems).All)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : $"{chosen.Key}.{field}", message);
        }

        // Reload for the page: the attachment list, and after a conflict the state the other reviewer left.
        withFiles = true;
        var refusedInputs = postedSections;
        await LoadAsync(id);
        postedSections = refusedInputs;
        await LoadDisplayAsync();
        return Page();
    }

    /// <summary>
    /// What an awardee owes and has not filed yet: reviewers see that it is due and by when, not the draft (its contents
    /// and files are the organisation's until it files them).
    /// </summary>
    /// <summary>Figures below a minimum the reviewers may relax with a reason (seed 003), computed from the application as filed.</summary>
    public IReadOnlyList<EligibilityResult> Flags { get; private set; } = [];

    public bool Unfiled => View.Application.IsObligation && View.Application.Submissions == 0
                           && View.Obligation is not { FiledByCity: true };

    public async Task<IActionResult> OnGetFileAsync(Guid id, string slot)
    {
        if (!await LoadAsync(id) || Unfiled || await openFile.OpenFileAsync(View, slot, HttpContext.RequestAborted) is not { } opened)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(opened.Content, opened.File.ContentType, opened.File.FileName);
    }

    public async Task<IActionResult> OnGetInputFileAsync(Guid id, Guid file)
    {
        if (!await LoadAsync(id) || await openFile.OpenActionFileAsync(View, file, HttpContext.RequestAborted) is not { } opened)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(opened.Content, opened.File.ContentType, opened.File.FileName);
    }

    /// <summary>The sections a reviewer reads: the applicant's, and those the authorities have filled.</summary>
    public IEnumerable<FormSection> Sections =>
        View.Sections.Concat(View.Form.Sections.Where(s => !s.ForApplicant && View.Application.Answers[s.Key] is JsonObject));

    public ActionForm FormFor(WorkflowAction action) => new(
        action, $"/review/{View.Application.Id}/Act", [new("action", action.Key), new("sequence", View.Instance.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        Refused == action.Key, input => Posted(action, input), View.Form, SectionAnswers);

    /// <summary>What the reviewer posted for an input (kept when the action is refused), else its default.</summary>
    public string Posted(WorkflowAction action, WorkflowInput input) =>
        Refused == action.Key && Request.HasFormContentType ? Request.Form[$"{action.Key}.{input.Key}"].ToString()
        : defaults.GetValueOrDefault($"{action.Key}.{input.Key}") ?? input.Default ?? "";

    private Dictionary<string, string> defaults = [];

    /// <summary>The answers to show in the form sections a reviewer fills: as posted when the action was refused.</summary>
    public JsonObject SectionAnswers => postedSections ?? View.Application.Answers;

    private JsonObject? postedSections;

    private async Task<bool> LoadAsync(Guid id)
    {
        var actor = User.WorkflowActor();
        if (await applications.FindForStaffAsync(id, actor, HttpContext.RequestAborted, withFiles) is not { } view)
        {
            return false;
        }

        View = view;
        Actions = WorkflowEngine.Available(view.Workflow, view.Instance, actor);
        (CreditRecords, Bans) = await awards.RecordOfAsync(view.Application.OrganisationId, HttpContext.RequestAborted);
        Findings = await findings.OfAsync(view, HttpContext.RequestAborted);
        Flags = await checks.FlagsAsync(view, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return true;
    }

    /// <summary>What only the page shows (not needed to act): the history and the pre-filled dates.</summary>
    private async Task<bool> LoadDisplayAsync()
    {
        Timeline = new Timeline(await history.ForAsync(View.Instance.Id, HttpContext.RequestAborted), View.Workflow,
            await authorityNames.GetAsync(HttpContext.RequestAborted), ForStaff: true, View.Application.Id);
        defaults = await DefaultDatesAsync();
        Rubric = await reviews.ManagedRubricAsync(View, User.WorkflowActor(), HttpContext.RequestAborted);
        // Who scores and how is for the authority running the program, not for every reviewer in scope.
        Assignments = RunsProgram() ? await reviews.OfApplicationAsync(View.Application.Id, HttpContext.RequestAborted) : [];
        Candidates = Rubric is null ? [] : await reviews.CandidatesAsync(View.Instance, otherCityOnly: false, HttpContext.RequestAborted);
        return true;
    }

    /// <summary>Date inputs with a default of N working days are pre-filled from today (Beijing) by the calendar.</summary>
    private async Task<Dictionary<string, string>> DefaultDatesAsync()
    {
        var result = new Dictionary<string, string>();
        var calendar = await calendars.GetAsync(HttpContext.RequestAborted);
        var today = Kernel.Time.BeijingTime.Today(clock);
        foreach (var action in Actions)
        {
            foreach (var input in action.InputList.Where(i => i.Past))
            {
                result[$"{action.Key}.{input.Key}"] = today.ToString("yyyy-MM-dd");   // a decision's date: today unless it was earlier
            }

            foreach (var input in action.InputList.Where(i => i.DefaultWorkingDays is not null))
            {
                try
                {
                    result[$"{action.Key}.{input.Key}"] = calendar.AddWorkingDays(today, input.DefaultWorkingDays!.Value).ToString("yyyy-MM-dd");
                }
                catch (CalendarNotMaintainedException)
                {
                    // No default; the reviewer picks the date.
                }
            }
        }

        return result;
    }
}
