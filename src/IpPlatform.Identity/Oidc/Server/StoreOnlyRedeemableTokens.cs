using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// Only what is redeemed is stored: codes and refresh tokens (single use, their payload kept server-side). An access
/// token is a signed JWT tied to its grant, checked on every use, so revoking the grant still ends it — without a row
/// written per token. An ID token tells the client who signed in and is never a credential here: it is neither stored
/// nor tied to its grant, so it remains a valid id_token_hint at logout after the client revoked its tokens, the usual
/// order of an application's sign-out (RP-Initiated Logout 1.0 §2: the hint may even have expired).
/// </summary>
public sealed class StoreOnlyRedeemableTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<StoreOnlyRedeemableTokens>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken)
        {
            context.CreateTokenEntry = false;
        }
        else if (context.TokenType == TokenTypeIdentifiers.IdentityToken && context.Principal is { } principal)
        {
            context.CreateTokenEntry = false;
            principal.RemoveClaims(Claims.Private.AuthorizationId);
        }

        return ValueTask.CompletedTask;
    }
}
