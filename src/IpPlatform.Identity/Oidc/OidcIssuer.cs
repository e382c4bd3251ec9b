namespace IpPlatform.Identity.Oidc;

/// <summary>
/// The provider's issuer identifier: the platform's configured public address (never the request's Host header, which a
/// client can forge), without a trailing slash — as relying parties have always compared it. Endpoints hang below it.
/// </summary>
public sealed class OidcIssuer(string url)
{
    public string Url { get; } = url.TrimEnd('/');

    public string Endpoint(string path) => Url + path;

    /// <summary>The issuer as OpenIddict writes it (iss, discovery): kept exactly as configured, no slash added.</summary>
    public Uri Uri => new(Url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public Uri EndpointUri(string path) => new(Endpoint(path), UriKind.Absolute);
}

public static class OidcPaths
{
    public const string Discovery = "/.well-known/openid-configuration";
    public const string Jwks = "/.well-known/jwks";
    public const string Authorize = "/connect/authorize";
    public const string Consent = "/connect/consent";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string Revocation = "/connect/revoke";
    public const string Introspection = "/connect/introspect";
    public const string EndSession = "/connect/logout";
    public const string EndSessionConfirm = "/connect/logout/confirm";
}
