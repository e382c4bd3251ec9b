using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

/// <summary>Sets a new password from an emailed link (password reset, and a new staff account's first password).</summary>
[AllowAnonymous]
[RateLimited(LimitedAction.PasswordReset)]
public sealed class ResetPasswordModel(UserManager<PlatformUser> users, AuditLog audit) : PageModel
{
    public static string Link(PublicLinks links, string userId, string token) =>
        links.Absolute($"/account/reset-password?u={Uri.EscapeDataString(userId)}&t={Uri.EscapeDataString(token)}");

    [BindProperty(SupportsGet = true, Name = "u")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    [BindProperty]
    [Display(Name = "新密码")]
    [Required(ErrorMessage = "请填写{0}")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Display(Name = "确认新密码")]
    [Required(ErrorMessage = "请再次输入新密码")]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
    public string ConfirmPassword { get; set; } = "";

    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        // A hand-edited link ("?u=x") is just an invalid link, never a server error.
        var user = Guid.TryParse(UserId, out _) ? await users.FindByIdAsync(UserId!) : null;
        if (user is null || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError("", "链接无效，请重新申请重设密码");
            return Page();
        }

        if (!ModelState.IsValid)
        {
            (Password, ConfirmPassword) = ("", "");
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password);
        await audit.RecordAsync("account.password-reset", result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            "user", user.Id.ToString(), actorId: user.Id, actorName: user.UserName);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : nameof(Password), error.Description);
            }

            (Password, ConfirmPassword) = ("", "");
            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Done = true;
        return Page();
    }
}
