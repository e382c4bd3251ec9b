using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// Every token others verify (access and ID tokens) is signed with the key the ring says is current (OpenIddict would take
/// the first credential): a key published ahead of its time verifies but does not sign yet. Codes and refresh tokens, read
/// by no one but the provider, are signed with the internal HMAC key (<see cref="OidcServerCredentials.Internal"/>). Reading the ring here also notices a rotation, which
/// rebuilds the provider's credentials and its JWKS.
/// </summary>
public sealed class SignWithTheCurrentKey(SigningKeyRing ring) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<SignWithTheCurrentKey>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeIdentifiers.Private.AuthorizationCode or TokenTypeIdentifiers.RefreshToken
            && context.Options.SigningCredentials.FirstOrDefault(c => c.Kid == OidcServerCredentials.InternalKid) is { } internalKey)
        {
            context.SigningCredentials = internalKey;
            return;
        }

        var snapshot = await ring.GetAsync(context.CancellationToken);
        context.SigningCredentials = context.Options.SigningCredentials.FirstOrDefault(c => c.Kid == snapshot.Kid)
                                     ?? OidcServerCredentials.Credentials(snapshot.Kid, snapshot.Current);
    }
}
