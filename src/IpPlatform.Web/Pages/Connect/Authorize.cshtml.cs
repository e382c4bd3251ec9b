using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// The authorization endpoint (OIDC Core §3.1.2), GET and POST alike (a POST is turned into the same GET), in
/// OpenIddict's pass-through: OpenIddict has validated the request; this page decides sign-in (prompt, max_age),
/// consent, and answers with the code.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // relying parties post here from their own sites; nothing changes before the user acts on our pages
public sealed class AuthorizeModel(
    IOpenIddictApplicationManager applications, OidcIssuer issuer, AuthorizationSession session, ConsentService consents, SignOnPrincipal principals)
    : AuthorizationPageModel(applications, issuer)
{
    public async Task<IActionResult> OnGetAsync()
    {
        var parameters = Request.Query.ToList();
        var (request, refusal) = await ValidateAsync(parameters);
        if (request is null)
        {
            return refusal!;
        }

        if (await session.NeedsSignInAsync(HttpContext, request, parameters))
        {
            // The current sign-in (if any) is left alone: signing in again replaces it, and a link from elsewhere cannot end it.
            return request.Prompt.Contains(PromptValues.None)
                ? RedirectWithError(Errors.LoginRequired, "the user must sign in")
                : Redirect(session.LoginRedirect(HttpContext, request, parameters));
        }

        if (!request.Client.FirstParty
            && (request.Prompt.Contains(PromptValues.Consent) || !await consents.CoversAsync(User.UserId(), request.Client.Id, request.Scopes, HttpContext.RequestAborted)))
        {
            return request.Prompt.Contains(PromptValues.None)
                ? RedirectWithError(Errors.ConsentRequired, "the user has not consented")
                : Redirect(session.ConsentRedirect(HttpContext, parameters));
        }

        return await SignInWithCodeAsync(principals, request);
    }

    /// <summary>
    /// A form posted from the client's site carries no SameSite=Lax sign-in cookie, so the request (validated by
    /// OpenIddict like a GET) is turned into the same GET — a top-level navigation, which does carry it.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.Location = OidcPaths.Authorize + "?" + AuthorizationSession.Query(await Request.ReadFormAsync());
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
