using System.Text;

namespace IpPlatform.Identity.Oidc;

/// <summary>The outcome of authenticating the caller of the token, revocation or introspection endpoint.</summary>
public sealed record ClientAuthenticationResult(OidcClient? Client, string? Error, string? Description, bool UsedBasic)
{
    public static ClientAuthenticationResult Fail(string error, string description, bool usedBasic = false) => new(null, error, description, usedBasic);
}

/// <summary>
/// Client authentication at the back-channel endpoints (RFC 6749 §2.3): client_secret_basic or client_secret_post for
/// confidential clients, client_id alone for public ones. One method per request; secrets compared in fixed time.
/// </summary>
public sealed class ClientAuthentication(OidcClientCache clients)
{
    public async Task<ClientAuthenticationResult> AuthenticateAsync(string? authorizationHeader, string? formClientId, string? formSecret, CancellationToken ct)
    {
        string? clientId = formClientId, secret = formSecret;
        var usedBasic = false;
        if (authorizationHeader is { Length: > 0 } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            usedBasic = true;
            if (formSecret is not null)
            {
                return ClientAuthenticationResult.Fail("invalid_request", "use one client authentication method, not two", usedBasic);
            }

            if (DecodeBasic(header["Basic ".Length..].Trim()) is not { } credentials
                || (formClientId is not null && formClientId != credentials.Id))
            {
                return ClientAuthenticationResult.Fail("invalid_client", "malformed Basic credentials", usedBasic);
            }

            (clientId, secret) = credentials;
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return ClientAuthenticationResult.Fail("invalid_client", "client authentication is required", usedBasic);
        }

        var client = clientId.Length <= 100 ? await clients.FindAsync(clientId, ct) : null;
        var authenticated = client?.Type switch
        {
            OidcClientType.Confidential => secret is not null && client.SecretMatches(secret),
            OidcClientType.Public => string.IsNullOrEmpty(secret),
            _ => false,
        };
        return authenticated ? new ClientAuthenticationResult(client, null, null, usedBasic)
            : ClientAuthenticationResult.Fail("invalid_client", "client authentication failed", usedBasic);
    }

    /// <summary>RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.</summary>
    private static (string Id, string Secret)? DecodeBasic(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':');
            return colon <= 0 ? null : (FormDecode(decoded[..colon]), FormDecode(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
