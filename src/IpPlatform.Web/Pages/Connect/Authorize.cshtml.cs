using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// The authorization endpoint (OIDC Core §3.1.2), GET and POST alike (a POST is turned into the same GET). A valid
/// request goes through sign-in and consent and returns a code.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // relying parties post here from their own sites; nothing changes before the user acts on our pages
public sealed class AuthorizeModel(
    AuthorizationRequestValidator validator, AuthorizationSession session, AuthorizationCodes codes, ConsentService consents)
    : AuthorizationPageModel(validator, codes)
{
    public Task<IActionResult> OnGetAsync() => HandleAsync(Request.Query.ToList());

    /// <summary>
    /// A form posted from the client's site carries no SameSite=Lax sign-in cookie, so the request is turned into the same
    /// GET (a top-level navigation, which does carry it) before it is looked at.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.Location = OidcPaths.Authorize + "?" + AuthorizationSession.Query(await Request.ReadFormAsync());
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private async Task<IActionResult> HandleAsync(List<KeyValuePair<string, StringValues>> parameters)
    {
        var (request, refusal) = await ValidateAsync(parameters);
        if (request is null)
        {
            return refusal!;
        }

        if (await session.NeedsSignInAsync(HttpContext, request, parameters))
        {
            // The current sign-in (if any) is left alone: signing in again replaces it, and a link from elsewhere cannot end it.
            return request.Prompt.Contains("none")
                ? RedirectWithError(request, "login_required", "the user must sign in")
                : Redirect(session.LoginRedirect(HttpContext, request, parameters));
        }

        if (!request.Client.FirstParty
            && (request.Prompt.Contains("consent") || !await consents.CoversAsync(User.UserId(), request.Client.ClientId, request.Scopes, HttpContext.RequestAborted)))
        {
            return request.Prompt.Contains("none")
                ? RedirectWithError(request, "consent_required", "the user has not consented")
                : Redirect(session.ConsentRedirect(HttpContext, parameters));
        }

        return await RedirectWithCodeAsync(request);
    }
}
