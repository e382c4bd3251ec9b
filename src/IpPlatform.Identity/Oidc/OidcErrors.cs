using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>How the platform's pass-through endpoints hand OpenIddict an error to answer with (redirect, JSON or WWW-Authenticate).</summary>
public static class OidcErrors
{
    public const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <param name="description">ASCII, as RFC 6749 requires of error descriptions.</param>
    public static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
