using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Web.Api;

public static class OidcUserInfoApi
{
    /// <summary>
    /// The UserInfo endpoint (OIDC Core §5.3) in OpenIddict's pass-through: GET or POST, the access token in the
    /// Authorization header (RFC 6750 §2.1) or, on POST, in the form body (§2.2), never in the query; OpenIddict has
    /// validated it. The platform checks the account and the client again and answers with the claims of the token's
    /// scopes only.
    /// </summary>
    public static void MapOidcUserInfo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(OidcPaths.UserInfo, ["GET", "POST"], async (HttpContext http, OidcGrantChecks checks, UserClaims claims) =>
        {
            (http.Response.Headers.CacheControl, http.Response.Headers.Pragma) = ("no-store", "no-cache");
            var principal = (await http.AuthenticateAsync(OidcErrors.Scheme)).Principal;
            if (principal is null || (await checks.CheckAsync(principal, http.RequestAborted)).User is not { } user)
            {
                return Results.Challenge(OidcErrors.Properties(Errors.InvalidToken, "the access token is invalid, expired or revoked"), [OidcErrors.Scheme]);
            }

            return principal.HasScope(Scopes.OpenId)
                ? Results.Json(await claims.ForAsync(user, [.. principal.GetScopes()], http.RequestAborted))
                : Results.Forbid(OidcErrors.Properties(Errors.InsufficientScope, "the openid scope is required"), [OidcErrors.Scheme]);
        }).DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription();
}
