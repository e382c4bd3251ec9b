using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Ends a grant — the ad-hoc authorization one code started, shared by every token issued from it — for a reason the
/// audit keeps: a replayed code, a reused refresh token, an RFC 7009 revocation, an account that can no longer sign in.
/// Its tokens stop working at once (every use checks the authorization). The grant is revoked by one conditional UPDATE
/// of its row as it is now (as a code is redeemed: <see cref="PlatformTokenManager{TToken}.TryRedeemAsync"/>), so no
/// copy of it read earlier, and no other request changing it meanwhile, can leave it valid.
/// </summary>
public sealed class GrantRevocation(IOpenIddictTokenManager tokens, DbContext db, AuditLog audit)
{
    public async Task RevokeAsync(string authorizationId, string reason, CancellationToken ct)
    {
        var (revoked, already) = (false, false);
        if (Guid.TryParse(authorizationId, out var id))
        {
            var stamp = Guid.NewGuid().ToString();
            revoked = await db.Set<OidcAuthorization>().Where(a => a.Id == id && a.Status != Statuses.Revoked)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Statuses.Revoked).SetProperty(a => a.ConcurrencyToken, stamp), ct) > 0;
            already = !revoked && await db.Set<OidcAuthorization>().AnyAsync(a => a.Id == id && a.Status == Statuses.Revoked, ct);
            if (db.ChangeTracker.Entries<OidcAuthorization>().FirstOrDefault(e => e.Entity.Id == id) is { } tracked)
            {
                await tracked.ReloadAsync(ct);   // what this request's handlers read of the grant from here on
            }
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        await audit.RecordAsync("oidc.grant-revoked", revoked || already ? AuditOutcome.Success : AuditOutcome.Failure, objectType: "oidc-grant",
            objectId: authorizationId, details: new JsonObject { ["reason"] = reason, ["alreadyRevoked"] = already }, ct: ct);
    }
}
