using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Mail;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

/// <summary>Sends a reset link; answers the same whether or not the email has an account.</summary>
[AllowAnonymous]
[RateLimited(LimitedAction.PasswordResetRequest)]
public sealed class ForgotPasswordModel(UserManager<PlatformUser> users, IMailSender mail, AuditLog audit, PublicLinks links, IpPlatform.Kernel.Site.SiteInfo site) : PageModel
{
    [BindProperty]
    [Display(Name = "登录邮箱")]
    [Required(ErrorMessage = "请填写{0}")]
    [EmailAddress(ErrorMessage = "{0}格式不正确")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null && !user.IsDisabled)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = ResetPasswordModel.Link(links, user.Id.ToString(), token);
            await mail.SendAsync(user.Email!, "重新设置密码",
                $"{user.DisplayName}，您好：\n\n请在24小时内打开以下链接重新设置{(await site.GetAsync()).Name}的登录密码：\n{link}\n\n如非本人操作，请忽略本邮件，您的密码不会改变。");
        }

        await audit.RecordAsync("account.password-reset-requested", user is null ? AuditOutcome.Failure : AuditOutcome.Success,
            "user", user?.Id.ToString(), actorId: user?.Id, actorName: Email.Trim());
        Sent = true;
        return Page();
    }
}
