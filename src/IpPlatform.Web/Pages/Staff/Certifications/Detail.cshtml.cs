using IpPlatform.Kernel;
using IpPlatform.Identity.Organisations;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Staff.Certifications;

/// <summary>One certification request: the organisation, its documents (opening them is audited) and the decision.</summary>
public sealed class DetailModel(CertificationService certification, CertificationHistory history) : PageModel
{
    public CertificationRequest Submission { get; private set; } = null!;

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<CertificationRequest> History { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? OverrideReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        var outcome = await certification.ApproveAsync(User, id, OverrideReason, HttpContext.RequestAborted);
        return await AfterDecisionAsync(id, outcome, "已通过认证");
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        var outcome = await certification.RejectAsync(User, id, Reason, HttpContext.RequestAborted);
        return await AfterDecisionAsync(id, outcome, "已退回，申请单位将看到不通过的理由");
    }

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, CertificationDocument kind)
    {
        var opened = await certification.OpenDocumentAsync(User, id, kind, HttpContext.RequestAborted);
        if (opened is not { } document)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(document.Content, document.File.ContentType, document.File.FileName);
    }

    private async Task<IActionResult> AfterDecisionAsync(Guid id, Outcome<Organisation> outcome, string done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return Page();
        }

        TempData["Status"] = $"{Organisation.Name}：{done}。";
        return Redirect("/staff/certifications");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await certification.FindForStaffAsync(User, id, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        (Submission, Organisation) = found;
        History = await history.OfAsync(Organisation.Id, except: id, HttpContext.RequestAborted);
        return true;
    }
}
