using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// Every code and every set of tokens the provider issues is audited: who, which client, which scopes. The record is
/// staged once the code or refresh token presented has been redeemed (a refused redemption leaves no record) and written
/// with what the issuance stores next (the new code, the new refresh token); when nothing follows — no refresh token,
/// or a client acting for itself — it is written on its own.
/// </summary>
public sealed class AuditIssuance(AuditLog audit) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<AuditIssuance>()
        .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        var principal = context.Principal!;
        Guid? userId = Guid.TryParse(principal.GetClaim(Claims.Subject), out var id) ? id : null;
        var scope = string.Join(' ', principal.GetScopes());
        if (context.EndpointType == OpenIddictServerEndpointType.Authorization)
        {
            audit.Add("oidc.code-issued", objectType: "oidc-client", objectId: context.ClientId, actorId: userId,
                details: new JsonObject { ["scope"] = scope, ["redirectUri"] = context.Request?.RedirectUri });
        }
        else if (context.EndpointType == OpenIddictServerEndpointType.Token && context.Request is { } request)
        {
            var details = new JsonObject { ["client"] = context.ClientId, ["grantType"] = request.GrantType, ["scope"] = scope, ["refreshToken"] = principal.HasScope(Scopes.OfflineAccess) };
            var grant = principal.GetAuthorizationId() ?? context.ClientId;
            if (request.IsClientCredentialsGrantType() || !principal.HasScope(Scopes.OfflineAccess))
            {
                await audit.RecordAsync("oidc.tokens-issued", objectType: "oidc-grant", objectId: grant, actorId: userId, actorName: "client:" + context.ClientId,
                    details: details, ct: context.CancellationToken);
            }
            else
            {
                audit.Add("oidc.tokens-issued", objectType: "oidc-grant", objectId: grant, actorId: userId, actorName: "client:" + context.ClientId, details: details);
            }
        }
    }
}
