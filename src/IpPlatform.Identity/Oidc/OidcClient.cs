using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

public enum OidcClientType
{
    /// <summary>A server-side application that keeps a secret (client_secret_basic or client_secret_post).</summary>
    Confidential,

    /// <summary>A browser or native application: no secret, PKCE (S256) required.</summary>
    Public,
}

/// <summary>
/// A relying party as the platform's pages show it (read from OpenIddict's application entry): where it may be sent back
/// to (exact strings), what it may ask for, how it authenticates, whether it is one of the platform's own (no consent
/// page) and whether it is disabled.
/// </summary>
public sealed record OidcClient(
    Guid Id, string ClientId, string DisplayName, OidcClientType Type, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes, IReadOnlyList<string> GrantTypes, bool FirstParty, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OidcClient From(OidcApplication a)
    {
        var permissions = List(a.Permissions);
        return new OidcClient(
            a.Id, a.ClientId ?? "", a.DisplayName ?? a.ClientId ?? "", a.ClientType == ClientTypes.Public ? OidcClientType.Public : OidcClientType.Confidential,
            List(a.RedirectUris), List(a.PostLogoutRedirectUris),
            [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..])],
            [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.GrantType.Length..])],
            a.ConsentType == ConsentTypes.Implicit, a.Disabled, a.CreatedAt, a.UpdatedAt);
    }

    private static List<string> List(string? json) => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>
    /// What OpenIddict is told of a registration: its type, consent (implicit for the platform's own applications), exact
    /// redirect addresses, and as permissions the endpoints, grant types and scopes it may use; PKCE is required of
    /// public clients. Every registered scope is a permission (openid and offline_access included, so the pages list them).
    /// </summary>
    public static OpenIddictApplicationDescriptor Describe(OidcClientsRecipeStep.Entry entry)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = entry.ClientId, DisplayName = entry.Name.Trim(),
            ClientType = entry.Type == OidcClientType.Public ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = entry.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };
        foreach (var uri in entry.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in entry.PostLogoutRedirectUris ?? [])
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        if (entry.Type == OidcClientType.Confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (entry.GrantTypes.Contains(OpenIddictConstants.GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code]);
        }

        descriptor.Permissions.UnionWith(entry.GrantTypes.Select(g => Permissions.Prefixes.GrantType + g));
        descriptor.Permissions.UnionWith(entry.Scopes.Select(s => Permissions.Prefixes.Scope + s));
        if (entry.Type == OidcClientType.Public)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        return descriptor;
    }
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
