using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// An OpenID Connect request must ask for openid; other scopes the provider does not know (e.g. address) or the client
/// may not have are dropped, not refused (RFC 6749 §3.3), and offline_access only stays for a client that may refresh.
/// </summary>
public sealed class KeepGrantableScopes(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<KeepGrantableScopes>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateScopes.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var asked = context.Request.GetScopes();
        if (!asked.Contains(Scopes.OpenId))
        {
            context.Reject(Errors.InvalidScope, "scope must include openid");
            return;
        }

        if (await applications.FindByClientIdAsync(context.ClientId!) is not { } client)
        {
            return;
        }

        var kept = new List<string> { Scopes.OpenId };
        foreach (var scope in asked.Distinct().Where(s => s != Scopes.OpenId && OidcVocabulary.Scopes.Contains(s)))
        {
            if (await applications.HasPermissionAsync(client, Permissions.Prefixes.Scope + scope)
                && (scope != Scopes.OfflineAccess || await applications.HasPermissionAsync(client, Permissions.GrantTypes.RefreshToken)))
            {
                kept.Add(scope);
            }
        }

        context.Request.Scope = string.Join(' ', kept);
    }
}
