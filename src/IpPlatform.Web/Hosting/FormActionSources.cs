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
            context.Items[Key] = parsed.GetLeftPart(UriPartial.Authority);
        }
    }

    /// <summary>For the sign-in pages: the client a returnUrl into the authorization endpoint leads to.</summary>
    public static void AllowReturnTo(HttpContext context, string? returnUrl)
    {
        if (returnUrl is not null && returnUrl.StartsWith(IpPlatform.Identity.Oidc.OidcPaths.Authorize + "?", StringComparison.Ordinal))
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[(returnUrl.IndexOf('?') + 1)..]);
            if (query.TryGetValue("redirect_uri", out var redirect) && redirect.Count == 1)
            {
                Allow(context, redirect[0]);
            }
        }
    }

    public static string? Extra(HttpContext context) => context.Items[Key] as string;
}
