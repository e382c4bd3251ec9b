using IpPlatform.Identity.Oidc;

namespace IpPlatform.Web.Api;

public static class OidcKeysApi
{
    /// <summary>
    /// The JSON Web Key Set of the OpenID Connect provider (RFC 7517): every published signing key, served from memory.
    /// Relying parties cache it for five minutes and fetch it again when they meet an unknown kid.
    /// </summary>
    public static void MapOidcKeys(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/.well-known/jwks", async (SigningKeyRing keys, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(SigningKeyRing.Jwks(await keys.GetAsync(http.RequestAborted)), contentType: "application/jwk-set+json");
        }).ExcludeFromDescription();
}
