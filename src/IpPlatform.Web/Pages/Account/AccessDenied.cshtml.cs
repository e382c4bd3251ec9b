using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

/// <summary>Staff who signed in without their second factor are sent to enrol or verify it; everyone else sees 403.</summary>
[AllowAnonymous]
public sealed class AccessDeniedModel : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (User.IsStaff() && !User.UsedSecondFactor())
        {
            return Redirect("/account/totp" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
