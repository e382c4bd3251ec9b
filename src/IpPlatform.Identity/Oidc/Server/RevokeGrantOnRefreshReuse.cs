using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// A refresh token presented after it was rotated ends the whole grant (RFC 9700 §4.14.2): its access tokens are not
/// stored, so the grant itself is revoked, not only the tokens OpenIddict keeps. Runs just before OpenIddict's own check
/// of the token's entry, which then refuses the request.
/// </summary>
public sealed class RevokeGrantOnRefreshReuse(IOpenIddictTokenManager tokens, GrantRevocation grants) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<RevokeGrantOnRefreshReuse>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token || context.Principal is not { } principal
            || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken
            || principal.GetTokenId() is not { } tokenId || principal.GetAuthorizationId() is not { } authorizationId)
        {
            return;
        }

        if (await tokens.FindByIdAsync(tokenId, context.CancellationToken) is { } entry
            && (await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken) || await tokens.HasStatusAsync(entry, Statuses.Revoked, context.CancellationToken)))
        {
            await grants.RevokeAsync(authorizationId, "refresh-token-reused", context.CancellationToken);
        }
    }
}
