using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// OpenIddict's application manager with the platform's secret format: a client secret is 256 random bits, so it is
/// stored as its SHA-256 ("sha256:…") and compared in fixed time — a slow password hash would add nothing but cost to
/// every token request. Secrets registered before the move to OpenIddict keep working unchanged.
/// </summary>
public sealed class PlatformApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache, ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store) where TApplication : class
{
    public static string HashSecret(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HashSecret(secret));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(comparand.StartsWith("sha256:", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(comparand), Encoding.ASCII.GetBytes(HashSecret(secret))));
}

/// <summary>
/// OpenIddict's token manager storing a reference token (a code, a refresh token) under the hex SHA-256 of its handle,
/// the same digest the platform uses everywhere (<see cref="OpaqueToken.Hash"/>).
/// </summary>
public sealed class PlatformTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache, ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictTokenStore<TToken> store)
    : OpenIddictTokenManager<TToken>(cache, logger, options, store) where TToken : class
{
    protected override ValueTask<string> ObfuscateReferenceIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(OpaqueToken.Hash(identifier));
}
