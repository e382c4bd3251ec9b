using IpPlatform.Web.Hosting;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

[AllowAnonymous]
[Connect.PendingSignOn]
[RateLimited(LimitedAction.SignIn)]
public sealed class LoginModel(
    SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users, IPasswordHasher<PlatformUser> hasher, PasswordHashingTurns turns, AuditLog audit) : PageModel, Connect.IReturnsToSignOn
{
    /// <summary>Verified when the account does not exist, so that the answer takes as long either way.</summary>
    private static string? _decoyHash;

    public sealed class LoginInput
    {
        [Display(Name = "登录邮箱")]
        [Required(ErrorMessage = "请填写{0}")]
        [StringLength(100, ErrorMessage = "{0}不超过{1}个字符")]
        public string Email { get; set; } = "";

        [Display(Name = "密码")]
        [Required(ErrorMessage = "请填写{0}")]
        [StringLength(128, ErrorMessage = "{0}不超过{1}个字符")]
        public string Password { get; set; } = "";
    }

    public const string FailedMessage =
        "登录失败：登录邮箱或密码不正确，或账户暂不可用。连续5次输入错误，账户将锁定15分钟；忘记密码请点击“忘记密码”，账户停用请联系管理员";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The other system the user is signing in to through the platform (single sign-on), if any.</summary>
    public string? ForClient => Connect.PendingSignOnAttribute.ClientOf(HttpContext)?.DisplayName;

    /// <param name="loginHint">Sent by a single-sign-on client that knows who is signing in (OIDC login_hint).</param>
    public void OnGet([FromQuery(Name = "login_hint")] string? loginHint)
    {
        if (loginHint is { Length: <= 100 } && loginHint.Contains('@'))
        {
            Input.Email = loginHint;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            var decoy = new PlatformUser { DisplayName = "", UserName = "decoy" };
            _decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
            // As long as a real check, queued the same way.
            await turns.CheckAsync(() => Task.FromResult(hasher.VerifyHashedPassword(decoy, _decoyHash, Input.Password)), HttpContext.RequestAborted);

            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        }

        var outcome = result.Succeeded || result.RequiresTwoFactor ? AuditOutcome.Success : AuditOutcome.Failure;
        await audit.RecordAsync(result.RequiresTwoFactor ? "account.login-password" : "account.login", outcome,
            objectType: "user", objectId: user?.Id.ToString(), actorId: user?.Id, actorName: email,
            details: new JsonObject { ["result"] = result.ToString() });

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl });
        }

        if (result.Succeeded)
        {
            return LocalRedirect(Landing.For(user!, ReturnUrl, Url));
        }

        // One answer for a wrong password, an unknown, locked or disabled account: the page reveals nothing about accounts.
        ModelState.AddModelError("", FailedMessage);
        Input.Password = "";
        return Page();
    }
}

/// <summary>Where an account goes after signing in.</summary>
public static class Landing
{
    public static string For(PlatformUser user, string? returnUrl, IUrlHelper url)
    {
        if (user.Kind == AccountKind.Staff && !user.TwoFactorEnabled)
        {
            return "/account/totp" + (string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        if (!string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl))
        {
            return returnUrl;
        }

        return user.Kind == AccountKind.Staff ? "/staff" : "/org";
    }
}
