using System.Security.Claims;

namespace IpPlatform.Web.Hosting;

public static class PublicCaching
{
    /// <summary>
    /// Lets browsers and proxies keep an anonymous page for a short while. A signed-in visitor's page carries their name
    /// and form tokens, so it is marked private.
    /// </summary>
    public static void CachePublicly(this HttpResponse response, ClaimsPrincipal user) =>
        response.Headers.CacheControl = user.Identity?.IsAuthenticated == true ? "private, no-cache" : "public, max-age=30";
}
