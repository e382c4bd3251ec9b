using System.Security.Claims;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>An authorization request OpenIddict has validated, as the platform's pages use it.</summary>
public sealed record AuthorizationRequest(
    OidcClient Client, string RedirectUri, string? State, IReadOnlyList<string> Scopes, IReadOnlySet<string> Prompt, long? MaxAge, string? LoginHint);

/// <summary>
/// The pages of the authorization flow (the endpoint and the consent page), both OpenIddict authorization endpoints in
/// pass-through. Never cached. A request whose client or redirect_uri cannot be trusted ends on the page with status 400
/// and goes nowhere (whatever else is wrong with it); any other invalid request goes back to the client with the
/// specification's error code, the state and the issuer.
/// </summary>
public abstract class AuthorizationPageModel(IOpenIddictApplicationManager applications, OidcIssuer issuer) : PageModel
{
    public string? ErrorMessage { get; private set; }

    /// <summary>The valid request, or the answer to give instead.</summary>
    protected async Task<(AuthorizationRequest? Request, IActionResult? Refusal)> ValidateAsync(IReadOnlyList<KeyValuePair<string, StringValues>> parameters)
    {
        Response.Headers.CacheControl = "no-store";
        string? One(string name) => parameters.Where(p => p.Key == name).SelectMany(p => p.Value).ToList() is [{ Length: > 0 } v] ? v : null;

        if (One(OpenIddictConstants.Parameters.ClientId) is not { Length: <= 100 } clientId)
        {
            return Refuse("请求缺少应用标识（client_id），无法继续登录。请从您要使用的系统重新发起登录。");
        }

        if (await applications.FindByClientIdAsync(clientId, HttpContext.RequestAborted) is not OidcApplication { Disabled: false } stored)
        {
            return Refuse($"应用“{clientId}”未在本平台登记或已停用，无法通过本平台登录。请联系该系统的管理员。");
        }

        var client = OidcClient.From(stored);
        if (One(OpenIddictConstants.Parameters.RedirectUri) is not { } redirectUri || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return Refuse($"应用“{client.DisplayName}”提供的回调地址与登记的不一致，为保护您的账户，平台不会跳转。请联系该系统的管理员。");
        }

        var state = One(OpenIddictConstants.Parameters.State);
        if (state is { Length: > Identity.Oidc.Server.CheckAuthorizationParameters.MaxState })
        {
            // Too long to echo back in a redirect address; nothing is sent to the client.
            return Refuse($"应用“{client.DisplayName}”发来的请求过长（state 参数超过{Identity.Oidc.Server.CheckAuthorizationParameters.MaxState}个字符），无法继续登录。请联系该系统的管理员。");
        }

        if (HttpContext.GetOpenIddictServerResponse() is { Error: { } error } refused)
        {
            return (null, Redirect(ErrorRedirect(redirectUri, state, error, refused.ErrorDescription)));
        }

        var request = HttpContext.GetOpenIddictServerRequest()!;
        return (new AuthorizationRequest(client, redirectUri, state, [.. request.GetScopes()],
            (request.Prompt ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), request.MaxAge, request.LoginHint), null);
    }

    /// <summary>An error OpenIddict sends back to the client (with the state and the issuer).</summary>
    protected IActionResult RedirectWithError(string error, string description) =>
        Forbid(OidcErrors.Properties(error, description), OidcErrors.Scheme);

    /// <summary>The code, through OpenIddict, for the signed-in user.</summary>
    protected async Task<IActionResult> SignInWithCodeAsync(SignOnPrincipal principals, AuthorizationRequest request) =>
        SignIn(await principals.ForAsync(request.Client, User, request.Scopes, HttpContext.RequestAborted), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private (AuthorizationRequest?, IActionResult?) Refuse(string message)
    {
        ErrorMessage = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return (null, Page());
    }

    private string ErrorRedirect(string redirectUri, string? state, string error, string? description)
    {
        var values = new List<(string, string)> { ("error", error) };
        if (description is { Length: > 0 })
        {
            values.Add(("error_description", description));
        }

        if (state is not null)
        {
            values.Add(("state", state));
        }

        values.Add(("iss", issuer.Url));
        return redirectUri + (redirectUri.Contains('?') ? "&" : "?") + string.Join('&', values.Select(v => Uri.EscapeDataString(v.Item1) + "=" + Uri.EscapeDataString(v.Item2)));
    }
}
