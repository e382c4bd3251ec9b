using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Ends a grant — the ad-hoc authorization one code started, shared by every token issued from it — for a reason the
/// audit keeps: a replayed code, a reused refresh token, an RFC 7009 revocation, an account that can no longer sign in.
/// Its tokens stop working at once (every use checks the authorization).
/// </summary>
public sealed class GrantRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, DbContext db, AuditLog audit)
{
    private const int Attempts = 3;

    public async Task RevokeAsync(string authorizationId, string reason, CancellationToken ct)
    {
        // OpenIddict's TryRevokeAsync answers false when the row changed since this request read it (another request
        // revoked it, or changed something else): read it again and try again, so that a race never leaves a grant valid.
        var (revoked, already) = (false, false);
        for (var attempt = 0; attempt < Attempts && !revoked && !already; attempt++)
        {
            if (await authorizations.FindByIdAsync(authorizationId, ct) is not { } authorization)
            {
                break;
            }

            // As the row is now: the entity may have been read (or changed in memory by a failed try) earlier in the request.
            await db.Entry(authorization).ReloadAsync(ct);
            already = await authorizations.HasStatusAsync(authorization, Statuses.Revoked, ct);
            revoked = !already && await authorizations.TryRevokeAsync(authorization, ct);
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        await audit.RecordAsync("oidc.grant-revoked", revoked || already ? AuditOutcome.Success : AuditOutcome.Failure, objectType: "oidc-grant",
            objectId: authorizationId, details: new JsonObject { ["reason"] = reason, ["alreadyRevoked"] = already }, ct: ct);
    }
}
