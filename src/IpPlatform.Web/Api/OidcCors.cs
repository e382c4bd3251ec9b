using IpPlatform.Identity.Oidc;

namespace IpPlatform.Web.Api;

/// <summary>
/// Cross-origin access to the token, userinfo and revocation endpoints for browser applications registered as public
/// clients: their redirect addresses' origins, and no others, get Access-Control-Allow-Origin (no cookies are involved:
/// these endpoints take tokens, never the sign-in cookie).
/// </summary>
public static class OidcCors
{
    public static readonly string[] Paths = [OidcPaths.Token, OidcPaths.UserInfo, OidcPaths.Revocation];

    /// <summary>Answers preflight requests for <see cref="Paths"/>.</summary>
    public static void MapOidcCorsPreflight(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in Paths)
        {
            endpoints.MapMethods(path, ["OPTIONS"], async (HttpContext http, OidcClientCache clients) =>
            {
                if (await AllowAsync(http, clients))
                {
                    http.Response.Headers.AccessControlAllowMethods = "GET, POST";
                    http.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type";
                    http.Response.Headers.AccessControlMaxAge = "600";
                }

                return Results.NoContent();
            }).ExcludeFromDescription();
        }
    }

    /// <summary>For the endpoints' own responses: names the caller's origin when it may read them.</summary>
    public static TBuilder WithOidcCors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            await AllowAsync(context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<OidcClientCache>());
            return await next(context);
        });

    private static async Task<bool> AllowAsync(HttpContext http, OidcClientCache clients)
    {
        http.Response.Headers.Vary = "Origin";
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !(await clients.BrowserOriginsAsync(http.RequestAborted)).Contains(origin))
        {
            return false;
        }

        http.Response.Headers.AccessControlAllowOrigin = origin;
        return true;
    }
}
