using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// The authorization endpoint (OIDC Core §3.1.2), GET and POST alike. A request whose client or redirect_uri cannot be
/// trusted ends on this page with status 400 and goes nowhere; any other error goes back to the client; a valid request
/// goes through sign-in and consent and returns a code.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // relying parties post here from their own sites; nothing changes before the user acts on our pages
public sealed class AuthorizeModel(
    AuthorizationRequestValidator validator, AuthorizationSession session, AuthorizationCodes codes, ConsentService consents,
    SignInManager<PlatformUser> signIn) : PageModel
{
    public string? ErrorMessage { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync(Request.Query.ToList());

    public async Task<IActionResult> OnPostAsync() => await HandleAsync((await Request.ReadFormAsync()).ToList());

    private async Task<IActionResult> HandleAsync(List<KeyValuePair<string, StringValues>> parameters)
    {
        Response.Headers.CacheControl = "no-store";
        var validation = await validator.ValidateAsync(parameters, HttpContext.RequestAborted);
        if (validation.PageError is { } message)
        {
            ErrorMessage = message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (validation.Error is { } error)
        {
            return Redirect(codes.ErrorRedirect(validation.RedirectUri!, validation.State, error));
        }

        var request = validation.Request!;
        if (session.NeedsSignIn(request, User, parameters))
        {
            if (request.Prompt.Contains("none"))
            {
                return Redirect(codes.ErrorRedirect(request.RedirectUri, request.State, new OidcError("login_required", "the user must sign in")));
            }

            if (User.Identity?.IsAuthenticated == true)
            {
                await signIn.SignOutAsync();
            }

            return Redirect(session.LoginRedirect(request, parameters));
        }

        if (!request.Client.FirstParty
            && (request.Prompt.Contains("consent") || !await consents.CoversAsync(User.UserId(), request.Client.ClientId, request.Scopes, HttpContext.RequestAborted)))
        {
            return request.Prompt.Contains("none")
                ? Redirect(codes.ErrorRedirect(request.RedirectUri, request.State, new OidcError("consent_required", "the user has not consented")))
                : Redirect("/connect/consent?" + AuthorizationSession.Query(parameters));
        }

        return Redirect(await codes.IssueAsync(request, User.UserId(), User.AuthenticatedAt()!.Value, AuthorizationSession.Amr(User), HttpContext.RequestAborted));
    }
}
