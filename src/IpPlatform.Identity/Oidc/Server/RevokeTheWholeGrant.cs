using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// RFC 7009: revoking a refresh or access token of a grant ends the grant, every token issued from it with it. Access
/// tokens are not stored (the grant is what is revoked), so the request is answered here for them; a client acting for
/// itself has no grant, and its token simply runs out (ten minutes).
/// </summary>
public sealed class RevokeTheWholeGrant(GrantRevocation grants) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<RevokeTheWholeGrant>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal)
        {
            return;
        }

        if (principal.GetAuthorizationId() is { } authorizationId)
        {
            await grants.RevokeAsync(authorizationId, "revoked-by-client", context.CancellationToken);
        }

        if (principal.GetTokenId() is null)
        {
            context.HandleRequest(); // nothing stored to revoke beyond the grant
        }
    }
}
