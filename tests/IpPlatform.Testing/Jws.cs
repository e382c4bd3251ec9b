using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IpPlatform.Testing;

/// <summary>Compact JWS with RS256 (RFC 7515/7518), the only algorithm the provider produces; "none" is never produced.</summary>
public static class Jws
{
    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    /// <param name="type">The "typ" header: "JWT" for ID tokens, "at+jwt" for access tokens (RFC 9068).</param>
    public static string Sign(JsonObject payload, RSA key, string kid, string type = "JWT")
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = type };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The "kid" of a compact JWS's header, or null when there is none or the token is malformed.</summary>
    public static string? KidOf(string token)
    {
        try
        {
            var dot = token.IndexOf('.');
            return dot <= 0 ? null : (JsonNode.Parse(FromBase64Url(token[..dot])) as JsonObject)?["kid"]?.ToString();
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload of a token signed by one of <paramref name="keys"/> (by kid, RS256 only); null when anything is off.</summary>
    public static JsonObject? Verify(string token, Func<string, RSA?> keys, string? type = null)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            if (header?["alg"]?.ToString() != "RS256" || (type is not null && header["typ"]?.ToString() != type) || header["kid"]?.ToString() is not { } kid || keys(kid) is not { } key)
            {
                return null;
            }

            var valid = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return valid ? JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or CryptographicException)
        {
            return null;
        }
    }
}
