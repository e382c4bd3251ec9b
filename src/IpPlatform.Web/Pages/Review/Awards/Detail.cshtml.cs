using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review.Awards;

/// <summary>
/// One award for a reviewer in scope (404 otherwise): its period, status, funds, obligations and their states, its
/// events, bans and credit records; and, for the authority running the program, the decisions on it — document and
/// funds, revocation on a declared ground, termination, a credit record. A refused decision keeps what was typed.
/// </summary>
public sealed class DetailModel(
    AwardDetails details, RecordAwardDocument documents, RevokeAwardByDecision revocations, TerminateAward terminations, RecordCreditBreach credit,
    AuthorityNames names) : PageModel
{
    public AwardView View { get; private set; } = null!;

    public bool Decides { get; private set; }

    public IReadOnlyDictionary<string, string> Places { get; private set; } = new Dictionary<string, string>();

    [BindProperty, Display(Name = "文号")] public string? DocumentNumber { get; set; }
    [BindProperty, Display(Name = "批准资金（万元）")] public decimal? FundsGranted { get; set; }
    [BindProperty, Display(Name = "已拨付资金（万元）")] public decimal? FundsDisbursed { get; set; }
    [BindProperty] public uint? Version { get; set; }
    [BindProperty, Display(Name = "依据")] public string? Ground { get; set; }
    [BindProperty, Display(Name = "事实和理由")] public string? Reason { get; set; }
    [BindProperty, Display(Name = "阶段")] public string? Stage { get; set; }
    [BindProperty, Display(Name = "失信行为")] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        (DocumentNumber, FundsGranted, FundsDisbursed) = (View.Award.DocumentNumber, View.Award.FundsGranted, View.Award.FundsDisbursed);
        return Page();
    }

    public Task<IActionResult> OnPostDocumentAsync(Guid id) =>
        DecideAsync(id, () => documents.RunAsync(id, new AwardDocumentInput(DocumentNumber, FundsGranted, FundsDisbursed, Version), User.WorkflowActor(), HttpContext.RequestAborted), "已登记文号与资金");

    public Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        DecideAsync(id, () => revocations.RunAsync(id, new RevocationInput(Ground, Reason, DocumentNumber), User.WorkflowActor(), HttpContext.RequestAborted), "已撤销");

    public Task<IActionResult> OnPostTerminateAsync(Guid id) =>
        DecideAsync(id, () => terminations.RunAsync(id, new TerminationInput(Ground, Reason), User.WorkflowActor(), HttpContext.RequestAborted), "已终止");

    public Task<IActionResult> OnPostCreditAsync(Guid id) =>
        DecideAsync(id, () => credit.RunAsync(id, new CreditBreachInput(Stage, Text), User.WorkflowActor(), HttpContext.RequestAborted), "已记录失信行为");

    private async Task<IActionResult> DecideAsync<T>(Guid id, Func<Task<Outcome<T>>> decide, string done)
    {
        if (!await LoadAsync(id) || !Decides)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await decide();
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            await LoadAsync(id);
            return Page();
        }

        TempData["Status"] = done;
        return Redirect($"/review/awards/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var actor = User.WorkflowActor();
        if (await details.ForStaffAsync(id, actor, HttpContext.RequestAborted) is not { } view)
        {
            return false;
        }

        (View, Decides) = (view, actor.Decides(view.Award));
        Places = await names.PlacesAsync(HttpContext.RequestAborted);
        return true;
    }
}
