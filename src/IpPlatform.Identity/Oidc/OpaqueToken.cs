using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Identity.Oidc;

/// <summary>The digest under which the provider keeps what it must recognise but never store: handles of codes and refresh tokens, security stamps.</summary>
public static class OpaqueToken
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
