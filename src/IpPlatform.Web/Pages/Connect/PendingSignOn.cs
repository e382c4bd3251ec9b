using IpPlatform.Identity.Oidc;
using IpPlatform.Web.Hosting;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// For the sign-in pages: the client a returnUrl into the authorization endpoint leads to, once the request has been
/// validated (a registered client, exactly one of its registered redirect addresses). Its origin is allowed as a form
/// action, since browsers apply form-action to the redirects that follow the form.
/// </summary>
public static class PendingSignOn
{
    public static async Task<OidcClient?> ForReturnUrlAsync(HttpContext context, string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.StartsWith(OidcPaths.Authorize + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[(returnUrl.IndexOf('?') + 1)..]);
        var validation = await context.RequestServices.GetRequiredService<AuthorizationRequestValidator>().ValidateAsync(query, context.RequestAborted);
        FormActionSources.Allow(context, validation.RedirectUri);
        return validation.Request?.Client;
    }
}
