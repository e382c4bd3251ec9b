namespace IpPlatform.Identity.Oidc;

/// <summary>How long what the provider issues lives.</summary>
public static class OidcLifetimes
{
    public static readonly TimeSpan Code = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan AccessToken = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan IdToken = TimeSpan.FromMinutes(10);

    /// <summary>Each refresh token lives this long; rotation cannot stretch a grant past <see cref="GrantMaximum"/>.</summary>
    public static readonly TimeSpan RefreshToken = TimeSpan.FromDays(14);

    public static readonly TimeSpan GrantMaximum = TimeSpan.FromDays(30);
}
