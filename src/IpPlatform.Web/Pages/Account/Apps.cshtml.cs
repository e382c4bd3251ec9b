using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Account;

/// <summary>The other systems the user allowed to sign them in through the platform; withdrawing ends their tokens too.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AppsModel(ConsentService consents) : PageModel
{
    public IReadOnlyList<RememberedConsent> Consents { get; private set; } = [];

    public async Task OnGetAsync() => Consents = await consents.ListAsync(User.UserId(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? clientId)
    {
        var withdrawn = clientId is not null && await consents.WithdrawAsync(User.UserId(), clientId, HttpContext.RequestAborted);
        TempData["Status"] = withdrawn ? "已撤销授权。该应用须再次征得您的同意才能通过本平台登录，它已持有的令牌同时失效。" : "没有找到这项授权，可能已经撤销。";
        return RedirectToPage();
    }
}
