using IpPlatform.Kernel;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Files;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Org;

/// <summary>认证: upload the licence and the legal representative's identity document; see every submission and decision.</summary>
[RequestSizeLimit(2 * UploadRules.DefaultMaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * UploadRules.DefaultMaxBytes + 1024 * 1024)]
[RateLimited(LimitedAction.Upload)]
public sealed class CertificationModel(LoadOrganisationCertification load, CertificationService certification) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<CertificationRequest> Requests { get; private set; } = [];

    /// <summary>A first certification, one after a rejection, or — for a renamed organisation — a new one under its new name.</summary>
    public bool CanSubmit => User.IsOrganisationAdmin()
                             && Organisation.Certification is CertificationStatus.NotSubmitted or CertificationStatus.Rejected or CertificationStatus.Certified
                             && !RenamePending;

    /// <summary>A renaming of the certified organisation is being reviewed.</summary>
    public bool RenamePending => Requests.Any(r => r.Decision == CertificationDecision.Pending && r.NewName is not null);

    public bool Renaming => Organisation.Certification == CertificationStatus.Certified;

    [BindProperty]
    public string? NewName { get; set; }

    public string Accepted => UploadRules.Documents.Describe();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? licence, IFormFile? identityDocument)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (licence is null)
        {
            ModelState.AddModelError("Input.Licence", "请选择营业执照或法人证书的扫描件");
        }

        if (identityDocument is null)
        {
            ModelState.AddModelError("Input.IdentityDocument", "请选择法定代表人身份证件的扫描件");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var licenceStream = licence!.OpenReadStream();
        await using var identityStream = identityDocument!.OpenReadStream();
        var outcome = await certification.SubmitAsync(User, licenceStream, licence.FileName, identityStream, identityDocument.FileName, HttpContext.RequestAborted, NewName);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }

        TempData["Status"] = "认证材料已提交，请等待主管部门审核。审核结果将在本页显示。";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        if (await load.RunAsync(User, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        (Organisation, Requests) = (found.Organisation, found.Requests);
        return true;
    }
}
