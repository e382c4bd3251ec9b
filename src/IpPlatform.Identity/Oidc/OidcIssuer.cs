namespace IpPlatform.Identity.Oidc;

/// <summary>
/// The provider's issuer identifier: the platform's configured public address (never the request's Host header, which a
/// client can forge), without a trailing slash. Endpoints hang below it.
/// </summary>
public sealed class OidcIssuer(string url)
{
    public string Url { get; } = url.TrimEnd('/');

    public string Endpoint(string path) => Url + path;
}

public static class OidcPaths
{
    public const string Discovery = "/.well-known/openid-configuration";
    public const string Jwks = "/.well-known/jwks";
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string Revocation = "/connect/revoke";
    public const string Introspection = "/connect/introspect";
    public const string EndSession = "/connect/logout";
}
