using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// Two refusals of the token endpoint keep the codes relying parties have always had from the platform: a code issued
/// with a challenge and redeemed without its verifier is invalid_grant (RFC 7636 §4.6, as a wrong verifier; the code
/// stays unused), and a public client asking to act for itself is unauthorized_client (RFC 6749 §4.4, not a missing secret).
/// </summary>
public sealed class TokenRefusalCodes(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<TokenRefusalCodes>()
        .SetOrder(RevokeGrantOnReplay.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Error != Errors.InvalidRequest || context.Request is not { } request)
        {
            return;
        }

        if (request.IsAuthorizationCodeGrantType() && string.IsNullOrEmpty(request.CodeVerifier) && !string.IsNullOrEmpty(request.Code)
            && context.Response.ErrorDescription?.Contains(Parameters.CodeVerifier, StringComparison.Ordinal) == true)
        {
            context.Response.Error = Errors.InvalidGrant;
        }
        else if (request.IsClientCredentialsGrantType() && string.IsNullOrEmpty(request.ClientSecret) && !string.IsNullOrEmpty(request.ClientId)
                 && await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken) is { } client
                 && await applications.HasClientTypeAsync(client, ClientTypes.Public, context.CancellationToken))
        {
            (context.Response.Error, context.Response.ErrorDescription) = (Errors.UnauthorizedClient, "a public client cannot act for itself");
        }
    }
}
