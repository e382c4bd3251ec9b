using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<PlatformUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync("account.logout", objectType: "user", objectId: User.UserId().ToString());
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
