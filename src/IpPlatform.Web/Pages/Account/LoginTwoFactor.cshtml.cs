using IpPlatform.Web.Hosting;
using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

[AllowAnonymous]
[Connect.PendingSignOn]
[RateLimited(LimitedAction.SecondFactor)]
public sealed class LoginTwoFactorModel(SignInManager<PlatformUser> signIn, AuditLog audit) : PageModel, Connect.IReturnsToSignOn
{
    [BindProperty]
    [Display(Name = "动态口令")]
    [Required(ErrorMessage = "请填写{0}")]
    [RegularExpression(@"^\s*(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})\s*$", ErrorMessage = "{0}应为验证器上的6位数字，或一个恢复码")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("Login", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code.Trim();
        var result = code.Length == 6
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.Replace("-", "", StringComparison.Ordinal));
        await audit.RecordAsync("account.login", result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            objectType: "user", objectId: user.Id.ToString(), actorId: user.Id, actorName: user.UserName,
            details: new System.Text.Json.Nodes.JsonObject { ["result"] = result.ToString(), ["factor"] = code.Length == 6 ? "totp" : "recovery-code" });
        if (result.Succeeded)
        {
            return LocalRedirect(Landing.For(user, ReturnUrl, Url));
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "连续输入错误次数过多，账户已锁定15分钟"
            : "动态口令不正确或已过期，请输入验证器上当前显示的6位数字");
        Code = "";
        return Page();
    }
}
