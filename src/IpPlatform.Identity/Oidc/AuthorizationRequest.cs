using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Identity.Oidc;

/// <summary>A valid authorization request (OIDC Core §3.1.2.1, response_type=code).</summary>
public sealed record AuthorizationRequest(
    OidcClient Client, string RedirectUri, string? State, IReadOnlyList<string> Scopes, string? Nonce, string? CodeChallenge,
    IReadOnlySet<string> Prompt, int? MaxAge, string? LoginHint);

/// <summary>
/// What became of an authorization request. <see cref="PageError"/>: the client or redirect_uri cannot be trusted, so
/// the user sees an error page and nothing is sent anywhere. <see cref="Error"/>: sent back to the (verified)
/// redirect_uri. Otherwise <see cref="Request"/> is valid.
/// </summary>
public sealed record AuthorizationValidation(AuthorizationRequest? Request, string? PageError, OidcError? Error, string? RedirectUri, string? State);

/// <summary>An OAuth error code and an ASCII description (RFC 6749 §4.1.2.1 forbids anything else in the description).</summary>
public sealed record OidcError(string Code, string Description);

public sealed partial class AuthorizationRequestValidator(OidcClientCache clients)
{
    public const int MaxState = 2000;

    public static readonly IReadOnlySet<string> PromptValues = new HashSet<string> { "none", "login", "consent", "select_account" };

    /// <summary>Parameters the endpoint reads; these may appear once only (RFC 6749 §3.1). Others are ignored.</summary>
    private static readonly string[] Known =
        ["client_id", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce", "prompt", "max_age", "code_challenge", "code_challenge_method"];

    public async Task<AuthorizationValidation> ValidateAsync(IEnumerable<KeyValuePair<string, StringValues>> parameters, CancellationToken ct)
    {
        var p = parameters.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string? One(string name) => p.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

        if (One("client_id") is not { Length: <= 100 } clientId || p["client_id"].Count != 1)
        {
            return Page("请求缺少应用标识（client_id），无法继续登录。请从您要使用的系统重新发起登录。");
        }

        var client = await clients.FindAsync(clientId, ct);
        if (client is null)
        {
            return Page($"应用“{clientId}”未在本平台登记或已停用，无法通过本平台登录。请联系该系统的管理员。");
        }

        if (One("redirect_uri") is not { } redirectUri || p["redirect_uri"].Count != 1 || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return Page($"应用“{client.DisplayName}”提供的回调地址与登记的不一致，为保护您的账户，平台不会跳转。请联系该系统的管理员。");
        }

        var state = p.TryGetValue("state", out var s) && s.Count == 1 ? s[0] : null;
        if (state is { Length: > MaxState })
        {
            // Too long to echo back in a redirect address; nothing is sent to the client.
            return Page($"应用“{client.DisplayName}”发来的请求过长（state 参数超过{MaxState}个字符），无法继续登录。请联系该系统的管理员。");
        }

        AuthorizationValidation Fail(string code, string description) => new(null, null, new OidcError(code, description), redirectUri, state);

        if (Known.FirstOrDefault(k => p.TryGetValue(k, out var v) && v.Count > 1) is { } repeated)
        {
            return Fail("invalid_request", $"parameter {repeated} is repeated");
        }

        if (p.ContainsKey("request"))
        {
            return Fail("request_not_supported", "request objects are not supported");
        }

        if (p.ContainsKey("request_uri"))
        {
            return Fail("request_uri_not_supported", "request_uri is not supported");
        }

        if (One("response_type") is not { } responseType)
        {
            return Fail("invalid_request", "response_type is required");
        }

        if (responseType != "code")
        {
            return Fail("unsupported_response_type", "only response_type=code is supported");
        }

        if (One("response_mode") is { } mode && mode != "query")
        {
            return Fail("invalid_request", "only response_mode=query is supported");
        }

        if (!client.GrantTypes.Contains("authorization_code"))
        {
            return Fail("unauthorized_client", "the client may not use the authorization code flow");
        }

        var requested = (One("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!requested.Contains("openid"))
        {
            return Fail("invalid_scope", "scope must include openid");
        }

        // Scopes the client may not have, or the provider does not know (e.g. address), are dropped, not refused (RFC 6749 §3.3).
        var scopes = requested.Distinct().Where(x => x == "openid" || (client.Scopes.Contains(x) && OidcVocabulary.Scopes.Contains(x))).ToList();

        var challenge = One("code_challenge");
        var method = One("code_challenge_method");
        if (challenge is null && method is not null)
        {
            return Fail("invalid_request", "code_challenge_method without code_challenge");
        }

        if (challenge is not null && method != "S256")
        {
            return Fail("invalid_request", "only code_challenge_method=S256 is supported");
        }

        if (challenge is not null && !ChallengeShape().IsMatch(challenge))
        {
            return Fail("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
        }

        if (challenge is null && client.Type == OidcClientType.Public)
        {
            return Fail("invalid_request", "PKCE (code_challenge with S256) is required for public clients");
        }

        var prompt = (One("prompt") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(PromptValues.Contains).ToHashSet();
        if (prompt.Contains("none") && prompt.Count > 1)
        {
            return Fail("invalid_request", "prompt=none cannot be combined with other values");
        }

        int? maxAge = null;
        if (One("max_age") is { } maxAgeText)
        {
            if (!int.TryParse(maxAgeText, System.Globalization.NumberStyles.None, null, out var seconds))
            {
                return Fail("invalid_request", "max_age must be a non-negative integer");
            }

            maxAge = seconds;
        }

        if (One("nonce") is { Length: > 500 })
        {
            return Fail("invalid_request", "nonce is too long");
        }

        return new(new AuthorizationRequest(client, redirectUri, state, scopes, One("nonce"), challenge, prompt, maxAge, One("login_hint")), null, null, redirectUri, state);
    }

    private static AuthorizationValidation Page(string message) => new(null, message, null, null, null);

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex ChallengeShape();
}
