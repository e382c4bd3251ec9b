using IpPlatform.Kernel;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Account;

/// <summary>注册: the organisation and its administrator account (seed 004 附件2: 注册 → 认证 → 登录).</summary>
[AllowAnonymous]
[RateLimited(LimitedAction.Registration)]
public sealed class RegisterModel(RegistrationService registration, SignInManager<PlatformUser> signIn, LoadRegionChoices regionChoices) : PageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Cities { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Districts { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> Types { get; } =
        Enum.GetValues<OrganisationType>().Select(t => new SelectListItem(t.ToChinese(), t.ToString())).ToList();

    public async Task OnGetAsync() => await LoadChoicesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync();
        if (!ModelState.IsValid)
        {
            ClearPasswords();
            return Page();
        }

        var outcome = await registration.RegisterAsync(Input, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            ClearPasswords();
            return Page();
        }

        await signIn.SignInAsync(outcome.Value!, isPersistent: false);
        TempData["Status"] = "注册成功。请上传营业执照（或法人证书）和法定代表人身份证件，完成单位认证后即可申报项目。";
        return Redirect("/org/certification");
    }

    private void ClearPasswords() => (Input.Password, Input.ConfirmPassword) = ("", "");

    private async Task LoadChoicesAsync()
    {
        var regions = await regionChoices.RunAsync(HttpContext.RequestAborted);
        Cities = regions.Cities.Select(c => new SelectListItem(RegionChoices.CityLabel(c), c.Code)).ToList();
        Districts = regions.Districts.Select(d => new SelectListItem(d.Name, d.Code)).ToList();
    }
}
