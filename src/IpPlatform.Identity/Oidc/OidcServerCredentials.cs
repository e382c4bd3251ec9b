using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Gives OpenIddict the platform's keys: every published signing key (the current one first; each can verify, the current
/// one signs — see <see cref="SignWithTheCurrentKey"/>) and the encryption key. When the key ring changes (a rotation
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

        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(encryption.Get()) { KeyId = "ipp-enc-1" }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    public static SigningCredentials Credentials(string kid, RSA rsa) => new(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
}
