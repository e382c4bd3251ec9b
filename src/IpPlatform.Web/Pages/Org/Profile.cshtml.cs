using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Org;

/// <summary>
/// 单位信息: the administrator keeps the profile every application and report form is prefilled from; every change is
/// listed with who made it and when. The name changes through certification, the credit code never.
/// </summary>
public sealed class ProfileModel(LoadOrganisationProfile load, UpdateOrganisationProfile update) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<OrganisationProfileChange> Changes { get; private set; } = [];

    public IReadOnlyList<Authority> Districts { get; private set; } = [];

    public bool CanEdit => User.IsOrganisationAdmin();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var o = Organisation;
        Input = new ProfileInput
        {
            Address = o.Address, ContactPerson = o.ContactPerson, ContactMobile = o.ContactMobile, ContactEmail = o.ContactEmail,
            LegalRepresentative = o.LegalRepresentative, StaffCount = o.StaffCount, EstablishedOn = o.EstablishedOn, RegisteredCapital = o.RegisteredCapital,
            DistrictCode = o.DistrictCode,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await update.RunAsync(User, Input, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return Page();
        }

        TempData["Status"] = "单位信息已保存；此后新填写的申报书和报告将使用新的信息。";
        return Redirect("/org/profile");
    }

    private async Task<bool> LoadAsync()
    {
        if (await load.RunAsync(User, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        (Organisation, Changes, Districts) = (found.Organisation, found.Changes, found.Districts);
        return true;
    }
}
