using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace IpPlatform.Web.Api;

/// <summary>
/// Cross-origin access to the token, userinfo and revocation endpoints for browser applications registered as public
/// clients: ASP.NET Core's CORS with a policy whose origins are those clients' redirect origins (read from the client
/// cache), and no others. No credentials: these endpoints take tokens, never the sign-in cookie.
/// </summary>
public sealed class OidcCorsPolicyProvider(OidcClientCache clients) : ICorsPolicyProvider
{
    public const string Policy = "oidc-browser-clients";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
        policyName == Policy
            ? new CorsPolicyBuilder()
                .WithOrigins([.. await clients.BrowserOriginsAsync(context.RequestAborted)])
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
                .Build()
            : null;
}
