using IpPlatform.Identity.Oidc;

namespace IpPlatform.Web.Api;

public static class OidcUserInfoApi
{
    /// <summary>
    /// The UserInfo endpoint (OIDC Core §5.3): GET or POST, the access token in the Authorization header (RFC 6750 §2.1)
    /// or, on POST, in the form body (§2.2) — never both, never in the query. Claims only for the token's scopes.
    /// </summary>
    public static void MapOidcUserInfo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(OidcPaths.UserInfo, ["GET", "POST"], async (HttpContext http, GrantRevocation grants, UserClaims claims) =>
        {
            (http.Response.Headers.CacheControl, http.Response.Headers.Pragma) = ("no-store", "no-cache");
            var header = http.Request.Headers.Authorization.ToString();
            var fromHeader = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            var fromBody = http.Request.Method == "POST" && http.Request.HasFormContentType
                ? (await http.Request.ReadFormAsync(http.RequestAborted))["access_token"].ToString() is { Length: > 0 } t ? t : null
                : null;
            if (fromHeader is not null && fromBody is not null)
            {
                return Challenge(http, 400, "invalid_request", "send the access token once");
            }

            if ((fromHeader ?? fromBody) is not { } token)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"ipp\"";
                return Results.Unauthorized();
            }

            var valid = await grants.ValidateAccessTokenAsync(token, http.RequestAborted);
            if (valid?.User is not { } user)
            {
                return Challenge(http, 401, "invalid_token", "the access token is invalid, expired or revoked");
            }

            var scopes = valid.Payload["scope"]?.ToString().Split(' ') ?? [];
            return scopes.Contains("openid")
                ? Results.Json(await claims.ForAsync(user, scopes, http.RequestAborted))
                : Challenge(http, 403, "insufficient_scope", "the openid scope is required");
        }).DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription();

    private static IResult Challenge(HttpContext http, int status, string error, string description)
    {
        http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"ipp\", error=\"{error}\", error_description=\"{description}\"";
        return Results.StatusCode(status);
    }
}
