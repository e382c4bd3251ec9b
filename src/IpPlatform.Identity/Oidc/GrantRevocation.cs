using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Ends a grant — the ad-hoc authorization one code started, shared by every token issued from it — for a reason the
/// audit keeps: a replayed code, a reused refresh token, an RFC 7009 revocation, an account that can no longer sign in.
/// Its tokens stop working at once (every use checks the authorization).
/// </summary>
public sealed class GrantRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AuditLog audit)
{
    public async Task RevokeAsync(string authorizationId, string reason, CancellationToken ct)
    {
        var revoked = false;
        if (await authorizations.FindByIdAsync(authorizationId, ct) is { } authorization)
        {
            revoked = await authorizations.TryRevokeAsync(authorization, ct);
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        await audit.RecordAsync("oidc.grant-revoked", revoked ? AuditOutcome.Success : AuditOutcome.Failure, objectType: "oidc-grant", objectId: authorizationId,
            details: new JsonObject { ["reason"] = reason, ["alreadyRevoked"] = !revoked }, ct: ct);
    }
}
