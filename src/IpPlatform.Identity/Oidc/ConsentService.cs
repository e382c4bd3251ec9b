using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

public sealed record RememberedConsent(string ClientId, string ClientName, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt);

/// <summary>Consent a user remembered for a client (not needed for first-party clients), and its withdrawal.</summary>
public sealed class ConsentService(DbContext db, GrantRevocation revocation, AuditLog audit, TimeProvider clock)
{
    public async Task<bool> CoversAsync(Guid userId, string clientId, IEnumerable<string> scopes, CancellationToken ct)
    {
        var stored = await db.Set<OidcConsent>().AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId && c.ClientId == clientId, ct);
        return stored is not null && scopes.All(stored.Scopes.Contains);
    }

    public async Task RememberAsync(Guid userId, string clientId, IEnumerable<string> scopes, CancellationToken ct)
    {
        var stored = await db.Set<OidcConsent>().FirstOrDefaultAsync(c => c.UserId == userId && c.ClientId == clientId, ct);
        if (stored is null)
        {
            stored = new OidcConsent { UserId = userId, ClientId = clientId };
            db.Add(stored);
        }

        (stored.Scopes, stored.GrantedAt) = ([.. stored.Scopes.Union(scopes).Order(StringComparer.Ordinal)], clock.GetUtcNow());
        audit.Add("oidc.consent-given", objectType: "oidc-client", objectId: clientId, actorId: userId,
            details: new JsonObject { ["scope"] = string.Join(' ', stored.Scopes) });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<RememberedConsent>> ListAsync(Guid userId, CancellationToken ct) =>
        await db.Set<OidcConsent>().AsNoTracking().Where(c => c.UserId == userId)
            .Join(db.Set<OidcClient>(), c => c.ClientId, k => k.ClientId, (c, k) => new { c, k.DisplayName })
            .OrderBy(x => x.DisplayName)
            .Select(x => new RememberedConsent(x.c.ClientId, x.DisplayName, x.c.Scopes, x.c.GrantedAt))
            .ToListAsync(ct);

    /// <summary>Forgets the consent and ends every grant the user gave the client (its tokens stop working at once).</summary>
    public async Task<bool> WithdrawAsync(Guid userId, string clientId, CancellationToken ct)
    {
        var removed = await db.Set<OidcConsent>().Where(c => c.UserId == userId && c.ClientId == clientId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return false;
        }

        var grants = await db.Set<OidcGrant>().Where(g => g.UserId == userId && g.ClientId == clientId && g.RevokedAt == null).Select(g => g.Id).ToListAsync(ct);
        foreach (var grant in grants)
        {
            await revocation.RevokeAsync(grant, "consent-withdrawn", ct);
        }

        await audit.RecordAsync("oidc.consent-withdrawn", objectType: "oidc-client", objectId: clientId, actorId: userId, ct: ct);
        return true;
    }
}
