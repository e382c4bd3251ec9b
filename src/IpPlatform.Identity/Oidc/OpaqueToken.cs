using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Identity.Oidc;

/// <summary>Codes and refresh tokens: 256 random bits handed out once, only their SHA-256 stored.</summary>
public static class OpaqueToken
{
    public static string New() => Jws.Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>RFC 7636 §4.6: base64url(SHA-256(ASCII(code_verifier))) equals the challenge; the verifier is 43–128 unreserved characters.</summary>
    public static bool VerifierMatches(string? verifier, string challenge) =>
        verifier is { Length: >= 43 and <= 128 }
        && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Jws.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))), Encoding.ASCII.GetBytes(challenge));
}
