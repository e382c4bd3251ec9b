using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Oidc;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), OpenIddict's end-session endpoint in pass-through (it
/// has checked the id_token_hint and that post_logout_redirect_uri is one the client registered, exactly — or nothing
/// is redirected). Without an id_token_hint for the signed-in user the user confirms
/// first, so that a link on another site cannot sign anyone out.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // relying parties post here; the confirmation (the only state change a third party could cause) is checked by hand
public sealed class LogoutModel(OidcClientCache clients, SignInManager<PlatformUser> signIn, AuditLog audit, IAntiforgery antiforgery) : PageModel
{
    private static readonly string[] OwnFields = ["__RequestVerificationToken"];

    public string? ErrorMessage { get; private set; }

    public bool NeedsConfirmation { get; private set; }

    public string? ClientName { get; private set; }

    public IReadOnlyList<KeyValuePair<string, StringValues>> Parameters { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => HandleAsync(Request.Query.ToList(), confirmed: false);

    public async Task<IActionResult> OnPostAsync() => await HandleAsync((await Request.ReadFormAsync()).ToList(), confirmed: false);

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var form = await Request.ReadFormAsync();
        return await HandleAsync(form.Where(f => !OwnFields.Contains(f.Key)).ToList(), confirmed: true);
    }

    private async Task<IActionResult> HandleAsync(List<KeyValuePair<string, StringValues>> parameters, bool confirmed)
    {
        Response.Headers.CacheControl = "no-store";
        string? One(string name) => parameters.FirstOrDefault(p => p.Key == name).Value is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null })
        {
            return Refuse(One("post_logout_redirect_uri") is not null
                ? "退出后跳转的地址未在本平台登记，为保护您的账户，平台不会跳转。"
                : "退出请求无效（应用标识或身份令牌不正确）。");
        }

        // OpenIddict reads the hint without refusing an invalid one (it gives a principal without claims); the platform refuses it.
        var hint = One("id_token_hint") is null ? null : (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (One("id_token_hint") is not null && hint?.GetClaim(OpenIddictConstants.Claims.Subject) is null)
        {
            return Refuse("退出请求中的身份令牌无效或不是本平台签发的。");
        }

        var hintClient = hint?.GetAudiences().FirstOrDefault();
        var clientId = One("client_id");
        if (clientId is not null && hintClient is not null && clientId != hintClient)
        {
            return Refuse("退出请求中的应用标识与身份令牌不一致。");
        }

        clientId ??= hintClient;
        var client = clientId is { Length: <= 100 } ? await clients.FindAsync(clientId, HttpContext.RequestAborted) : null;
        var returnTo = One("post_logout_redirect_uri");
        if (returnTo is not null && (client is null || !client.PostLogoutRedirectUris.Contains(returnTo, StringComparer.Ordinal)))
        {
            return Refuse("退出后跳转的地址未在本平台登记，为保护您的账户，平台不会跳转。");
        }

        ClientName = client?.DisplayName;
        var signedIn = User.Identity?.IsAuthenticated == true;
        if (signedIn && !confirmed && hint?.GetClaim(OpenIddictConstants.Claims.Subject) != User.UserId().ToString())
        {
            (NeedsConfirmation, Parameters) = (true, parameters);
            Hosting.FormActionSources.Allow(HttpContext, returnTo);
            return Page();
        }

        if (signedIn)
        {
            await audit.RecordAsync("account.logout", objectType: "user", objectId: User.UserId().ToString(),
                details: new JsonObject { ["via"] = "oidc-end-session", ["client"] = clientId });
            await signIn.SignOutAsync();
        }

        if (returnTo is not null)
        {
            // OpenIddict sends the browser to the validated address, with the state.
            return SignOut(new AuthenticationProperties(), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Page();
    }

    private PageResult Refuse(string message)
    {
        ErrorMessage = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
