using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// A disabled client is refused at every endpoint from the moment it is disabled (its tokens stop working with it); a
/// public client presenting a secret is not authenticated; only confidential clients may introspect.
/// </summary>
public sealed class RejectDisabledClients(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<RejectDisabledClients>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (string.IsNullOrEmpty(context.ClientId) || await applications.FindByClientIdAsync(context.ClientId) is not OidcApplication client)
        {
            return;
        }

        if (client.Disabled)
        {
            context.Reject(Errors.InvalidClient, "the client is disabled");
        }
        else if (client.ClientType == ClientTypes.Public && !string.IsNullOrEmpty(context.Request?.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "a public client has no secret to present");
        }
        else if (context.EndpointType == OpenIddictServerEndpointType.Introspection && client.ClientType == ClientTypes.Public)
        {
            context.Reject(Errors.InvalidClient, "introspection is for confidential clients");
        }
    }
}
