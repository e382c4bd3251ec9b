using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Identity.Oidc;

public enum OidcClientType
{
    /// <summary>A server-side application that keeps a secret (client_secret_basic or client_secret_post).</summary>
    Confidential,

    /// <summary>A browser or native application: no secret, PKCE (S256) required.</summary>
    Public,
}

/// <summary>
/// A relying party registered with the provider (by recipe or by an administrator): where it may be sent back to (exact
/// strings), what it may ask for, how it authenticates. Secrets are stored as a SHA-256 hash only (they are long random
/// strings, so a slow hash adds nothing but cost on every token request).
/// </summary>
public sealed class OidcClient
{
    public required string ClientId { get; set; }

    public required string DisplayName { get; set; }

    public OidcClientType Type { get; set; }

    public string? SecretHash { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    public List<string> GrantTypes { get; set; } = [];

    /// <summary>The platform's own applications: no consent page.</summary>
    public bool FirstParty { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Takes what a registration (recipe entry or administrator's form) says; the secret is handled by the caller.</summary>
    public void Apply(OidcClientsRecipeStep.Entry entry, DateTimeOffset now)
    {
        (DisplayName, Type, FirstParty, UpdatedAt) = (entry.Name.Trim(), entry.Type, entry.FirstParty, now);
        (RedirectUris, PostLogoutRedirectUris, Scopes, GrantTypes) =
            ([.. entry.RedirectUris], [.. entry.PostLogoutRedirectUris ?? []], [.. entry.Scopes], [.. entry.GrantTypes]);
    }

    public static string HashSecret(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool SecretMatches(string? secret) =>
        SecretHash is { } stored && secret is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(HashSecret(secret)));
}

public static class OidcVocabulary
{
    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "email", "phone", "offline_access", "organisation", "roles"];

    public static readonly IReadOnlyList<string> GrantTypes = ["authorization_code", "refresh_token", "client_credentials"];

    public const int MinSecretLength = 32;

    /// <summary>Why a redirect URI cannot be registered (absolute, https except on the loopback, no fragment); null when it can.</summary>
    public static string? RedirectUriProblem(string uri) =>
        !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? $"“{uri}”不是完整的地址"
        : parsed.Fragment.Length > 0 ? $"“{uri}”不能带 # 片段"
        : parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback) ? null
        : $"“{uri}”须使用 https（仅本机回环地址可用 http）";
}
