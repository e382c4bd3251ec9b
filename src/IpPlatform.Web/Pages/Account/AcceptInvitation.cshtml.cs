using IpPlatform.Kernel;
using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

[AllowAnonymous]
[RateLimited(LimitedAction.InvitationAcceptance)]
public sealed class AcceptInvitationModel(MembershipService membership, SignInManager<PlatformUser> signIn, FindOpenInvitation findInvitation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Display(Name = "密码")]
    [Required(ErrorMessage = "请设置{0}")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Display(Name = "确认密码")]
    [Required(ErrorMessage = "请再次输入密码")]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
    public string ConfirmPassword { get; set; } = "";

    public OrganisationInvitation? Invitation { get; private set; }

    public string? OrganisationName { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Invitation is null)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            (Password, ConfirmPassword) = ("", "");
            return Page();
        }

        var outcome = await membership.AcceptAsync(Token!, Password, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            (Password, ConfirmPassword) = ("", "");
            return Page();
        }

        await signIn.SignInAsync(outcome.Value!, isPersistent: false);
        TempData["Status"] = $"欢迎加入{OrganisationName}。";
        return Redirect("/org");
    }

    private async Task LoadAsync()
    {
        var found = string.IsNullOrEmpty(Token) ? null : await findInvitation.RunAsync(Token, HttpContext.RequestAborted);
        (Invitation, OrganisationName) = (found?.Invitation, found?.OrganisationName);
    }
}
