using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// RFC 7662 §4: a client learns only about tokens issued to it, and a token whose account can no longer sign in (or
/// whose password or second factor changed) is not active. A refresh token is reported as such (token_type).
/// </summary>
public sealed class IntrospectOwnLiveTokens(OidcGrantChecks checks)
    : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>, IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors { get; } =
    [
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>().UseScopedHandler<IntrospectOwnLiveTokens>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor.Order + 1).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>().UseScopedHandler<IntrospectOwnLiveTokens>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachMetadataClaims.Descriptor.Order + 1).SetType(OpenIddictServerHandlerType.Custom).Build(),
    ];

    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || !principal.GetPresenters().Contains(context.ClientId!)
            || await checks.RefusalAsync(principal, context.CancellationToken) is not null)
        {
            context.Reject(Errors.InvalidToken, "the token is not active");
        }
    }

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        if (context.TokenUsage is TokenTypeHints.RefreshToken or TokenTypeIdentifiers.RefreshToken)
        {
            context.TokenType = "refresh_token";
        }

        return ValueTask.CompletedTask;
    }
}
