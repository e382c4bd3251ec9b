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

    public static string? Extra(HttpContext context) => context.Items[Key] as string;
}
