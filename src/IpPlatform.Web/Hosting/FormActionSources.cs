namespace IpPlatform.Web.Hosting;

/// <summary>
/// Browsers apply the CSP form-action directive to the redirects that follow a form submission too, so a page whose
/// form ends at a single-sign-on client (sign-in, second factor, consent, logout) names that client's origin.
/// </summary>
public static class FormActionSources
{
    private const string Key = "ipp.csp.form-action";

    public static void Allow(HttpContext context, string? uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
        {
            context.Items[Key] = parsed.Scheme + "://" + parsed.Authority; // never a user@ part
        }
    }

    /// <summary>
    /// For the sign-in pages: the client a returnUrl into the authorization endpoint leads to, once the request has been
    /// validated (a registered client and exactly one of its registered redirect addresses).
    /// </summary>
    public static async Task AllowReturnToAsync(HttpContext context, string? returnUrl)
    {
        if (returnUrl is not null && returnUrl.StartsWith(IpPlatform.Identity.Oidc.OidcPaths.Authorize + "?", StringComparison.Ordinal))
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[(returnUrl.IndexOf('?') + 1)..]);
            var validation = await context.RequestServices.GetRequiredService<IpPlatform.Identity.Oidc.AuthorizationRequestValidator>()
                .ValidateAsync(query, context.RequestAborted);
            Allow(context, validation.RedirectUri);
        }
    }

    public static string? Extra(HttpContext context) => context.Items[Key] as string;
}
