using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Gives OpenIddict the platform's keys: every published signing key (the current one first; each can verify, the current
/// one signs — see <see cref="Server.SignWithTheCurrentKey"/>), the encryption key and the internal signing key derived from it. When the key ring changes (a rotation
/// here or elsewhere, a key's overlap ending) the options are rebuilt, so the JWKS and the validation keys follow.
/// </summary>
public sealed class OidcServerCredentials(SigningKeyRing ring, OidcEncryptionKeyStore encryption)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.Changes;

    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built once and again after a change, never per request: waiting here is rare and short.
        var snapshot = ring.GetAsync().GetAwaiter().GetResult();
        foreach (var (key, rsa) in snapshot.Published.OrderBy(p => p.Key.Kid == snapshot.Kid ? 0 : 1))
        {
            options.SigningCredentials.Add(Credentials(key.Kid, rsa));
        }

        var encryptionKey = encryption.Get();
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(encryptionKey) { KeyId = "ipp-enc-1" }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        options.SigningCredentials.Add(Internal(encryptionKey));
    }

    /// <summary>The key id of <see cref="Internal"/>: never published (the JWKS lists only the RSA keys).</summary>
    public const string InternalKid = "ipp-int-1";

    /// <summary>
    /// HMAC-SHA256 for what only the provider itself reads back (codes, refresh tokens — also encrypted under the key they
    /// are derived from): an RSA signature there would cost a private-key operation per token and prove nothing to anyone
    /// else. Derived from the encryption key (HKDF), so every instance has it.
    /// </summary>
    public static SigningCredentials Internal(byte[] encryptionKey) => new(
        new SymmetricSecurityKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, encryptionKey, 32, info: "IpPlatform.Oidc.InternalSigning"u8.ToArray())) { KeyId = InternalKid },
        SecurityAlgorithms.HmacSha256);

    public static SigningCredentials Credentials(string kid, RSA rsa) => new(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
}
