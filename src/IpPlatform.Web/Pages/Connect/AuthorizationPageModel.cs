using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// The pages of the authorization flow (the endpoint and the consent page). Never cached. A request whose client or
/// redirect_uri cannot be trusted ends on the page with status 400 and goes nowhere; any other invalid request goes back
/// to the client with the specification's error code.
/// </summary>
public abstract class AuthorizationPageModel(AuthorizationRequestValidator validator, AuthorizationCodes codes) : PageModel
{
    public string? ErrorMessage { get; private set; }

    /// <summary>The valid request, or the answer to give instead.</summary>
    protected async Task<(AuthorizationRequest? Request, IActionResult? Refusal)> ValidateAsync(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        Response.Headers.CacheControl = "no-store";
        var validation = await validator.ValidateAsync(parameters, HttpContext.RequestAborted);
        if (validation.PageError is { } message)
        {
            ErrorMessage = message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return (null, Page());
        }

        return validation.Error is { } error
            ? (null, Redirect(codes.ErrorRedirect(validation.RedirectUri!, validation.State, error)))
            : (validation.Request, null);
    }

    protected RedirectResult RedirectWithError(AuthorizationRequest request, string error, string description) =>
        Redirect(codes.ErrorRedirect(request.RedirectUri, request.State, new OidcError(error, description)));

    protected async Task<RedirectResult> RedirectWithCodeAsync(AuthorizationRequest request) =>
        Redirect(await codes.IssueAsync(request, User, HttpContext.RequestAborted));
}
