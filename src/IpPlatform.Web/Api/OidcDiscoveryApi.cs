using System.Text.Json.Nodes;
using IpPlatform.Identity.Oidc;

namespace IpPlatform.Web.Api;

public static class OidcDiscoveryApi
{
    /// <summary>
    /// Provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414) and the JSON Web Key Set (RFC 7517), both from
    /// memory. Relying parties cache the key set for five minutes and fetch it again when they meet an unknown kid.
    /// </summary>
    public static void MapOidcDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OidcPaths.Discovery, (OidcDiscoveryDocument document, HttpContext http) =>
        {
            (http.Response.Headers.CacheControl, http.Response.Headers.AccessControlAllowOrigin) = ("public, max-age=300", "*");
            return Results.Bytes(document.Utf8, "application/json");
        }).ExcludeFromDescription();

        endpoints.MapGet(OidcPaths.Jwks, async (SigningKeyRing keys, HttpContext http) =>
        {
            (http.Response.Headers.CacheControl, http.Response.Headers.AccessControlAllowOrigin) = ("public, max-age=300", "*");
            return Results.Json(SigningKeyRing.Jwks(await keys.GetAsync(http.RequestAborted)), contentType: "application/jwk-set+json");
        }).ExcludeFromDescription();
    }
}

/// <summary>The discovery document, built once: it depends only on the issuer and the provider's fixed capabilities.</summary>
public sealed class OidcDiscoveryDocument(OidcIssuer issuer)
{
    private byte[]? _utf8;

    public byte[] Utf8 => _utf8 ??= System.Text.Encoding.UTF8.GetBytes(Build(issuer).ToJsonString());

    private static JsonArray Array(params IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static JsonObject Build(OidcIssuer issuer) => new()
    {
        ["issuer"] = issuer.Url,
        ["authorization_endpoint"] = issuer.Endpoint(OidcPaths.Authorize),
        ["token_endpoint"] = issuer.Endpoint(OidcPaths.Token),
        ["userinfo_endpoint"] = issuer.Endpoint(OidcPaths.UserInfo),
        ["jwks_uri"] = issuer.Endpoint(OidcPaths.Jwks),
        ["end_session_endpoint"] = issuer.Endpoint(OidcPaths.EndSession),
        ["revocation_endpoint"] = issuer.Endpoint(OidcPaths.Revocation),
        ["introspection_endpoint"] = issuer.Endpoint(OidcPaths.Introspection),
        ["scopes_supported"] = Array(OidcVocabulary.Scopes),
        ["response_types_supported"] = Array("code"),
        ["response_modes_supported"] = Array("query"),
        ["grant_types_supported"] = Array(OidcVocabulary.GrantTypes),
        ["subject_types_supported"] = Array("public"),
        ["id_token_signing_alg_values_supported"] = Array("RS256"),
        ["token_endpoint_auth_methods_supported"] = Array("client_secret_basic", "client_secret_post", "none"),
        ["revocation_endpoint_auth_methods_supported"] = Array("client_secret_basic", "client_secret_post", "none"),
        ["introspection_endpoint_auth_methods_supported"] = Array("client_secret_basic", "client_secret_post"),
        ["code_challenge_methods_supported"] = Array("S256"),
        ["claims_supported"] = Array(UserClaims.Supported),
        ["prompt_values_supported"] = Array(AuthorizationRequestValidator.PromptValues),
        ["claims_parameter_supported"] = false,
        ["request_parameter_supported"] = false,
        ["request_uri_parameter_supported"] = false,
        ["authorization_response_iss_parameter_supported"] = true,
        ["ui_locales_supported"] = Array("zh-CN"),
    };
}
