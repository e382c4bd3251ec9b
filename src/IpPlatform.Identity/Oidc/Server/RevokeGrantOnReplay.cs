using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// A code presented again after it was redeemed (by a replay, or by the loser of two simultaneous redemptions) ends the
/// whole grant: every token its first use issued stops working (RFC 6749 §4.1.2). A reused refresh token is handled
/// before OpenIddict refuses it (<see cref="RevokeGrantOnRefreshReuse"/>). Any other refusal of a code is audited; the
/// code then stays unused (a wrong verifier or redirect_uri does not burn the client's code).
/// </summary>
public sealed class RevokeGrantOnReplay(IOpenIddictTokenManager tokens, GrantRevocation grants, AuditLog audit) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<RevokeGrantOnReplay>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Error != Errors.InvalidGrant || context.Request is not { } request)
        {
            return;
        }

        if (!request.IsAuthorizationCodeGrantType() || request.Code is not { } presented)
        {
            return;
        }

        var ct = context.CancellationToken;
        var entry = await tokens.FindByReferenceIdAsync(presented, ct);
        var authorizationId = entry is null ? null : await tokens.GetAuthorizationIdAsync(entry, ct);
        if (entry is not null && authorizationId is not null
            && (await tokens.HasStatusAsync(entry, Statuses.Redeemed, ct) || await tokens.HasStatusAsync(entry, Statuses.Revoked, ct)))
        {
            await grants.RevokeAsync(authorizationId, "code-reused", ct);
            context.Response.ErrorDescription = "authorization code already used; tokens issued from it are revoked";
        }
        else
        {
            await audit.RecordAsync("oidc.code-refused", AuditOutcome.Failure, objectType: "oidc-client", objectId: request.ClientId,
                actorName: "client:" + request.ClientId, details: new JsonObject { ["reason"] = context.Response.ErrorDescription }, ct: ct);
        }
    }
}
