using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

/// <summary>TOTP enrolment: the key, its otpauth URI and that URI as a QR code, confirmed by a first code. Staff must enrol before any staff page.</summary>
[Authorize]
[Connect.PendingSignOn]
public sealed class TotpModel(UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, IUserStore<PlatformUser> store, AuditLog audit,
    Kernel.Site.SiteInfo site) : PageModel, Connect.IReturnsToSignOn
{
    [BindProperty]
    [Display(Name = "动态口令")]
    [Required(ErrorMessage = "请填写{0}")]
    [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "{0}应为验证器上显示的6位数字")]
    public string Code { get; set; } = "";

    /// <summary>Asked again so that someone at a browser left signed in cannot bind their own authenticator to the account.</summary>
    [BindProperty]
    [Display(Name = "当前密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(128, ErrorMessage = "{0}不超过{1}个字符")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Key { get; private set; } = "";

    public string Uri { get; private set; } = "";

    /// <summary>The otpauth URI as a QR code (inline SVG) for the authenticator's camera.</summary>
    public string QrCodeSvg { get; private set; } = "";

    public bool Enabled { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Enabled)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var password = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        Password = "";
        if (!password.Succeeded)
        {
            await audit.RecordAsync("account.totp-enrolment", AuditOutcome.Failure, "user", user.Id.ToString(),
                details: new System.Text.Json.Nodes.JsonObject { ["reason"] = "password" });
            ModelState.AddModelError(nameof(Password), password.IsLockedOut ? "连续输入错误次数过多，账户已锁定15分钟" : "当前密码不正确");
            return Page();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code.Trim());
        if (!valid)
        {
            await audit.RecordAsync("account.totp-enrolment", AuditOutcome.Failure, "user", user.Id.ToString());
            ModelState.AddModelError(nameof(Code), "动态口令不正确。请确认手机时间准确，并输入验证器上当前显示的6位数字");
            Code = "";
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.RecordAsync("account.totp-enrolment", AuditOutcome.Success, "user", user.Id.ToString());
        // Enrolling is not signing in: the sign-in keeps its time (OIDC auth_time, prompt=login and max_age rely on it).
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(PlatformClaims.AuthenticationMethod, "mfa"), new Claim(PlatformClaims.AuthTime, User.FindFirstValue(PlatformClaims.AuthTime) ?? "0")]);
        Enabled = true;
        return Page();
    }

    private async Task<PlatformUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        Enabled = user.TwoFactorEnabled;
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // A first key, not yet in force (enrolment confirms it). Set without ResetAuthenticatorKeyAsync, which would
                // rotate the security stamp and so end this very session at its next request.
                key = users.GenerateNewAuthenticatorKey();
                await ((IUserAuthenticatorKeyStore<PlatformUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
                await users.UpdateAsync(user);
            }

            Key = key!;
            // The issuer is what the authenticator app shows above the code: the platform's name from the site recipe.
            Uri = Totp.OtpAuthUri((await site.GetAsync(HttpContext.RequestAborted)).Name, user.Email!, Key);
            QrCodeSvg = OtpAuthQrCode.Svg(Uri);
        }

        return user;
    }
}
