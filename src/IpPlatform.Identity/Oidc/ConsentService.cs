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

    /// <summary>
    /// Clients the user has let in: remembered consents, and clients (not the platform's own) holding a live grant given
    /// without "remember".
    /// </summary>
    public async Task<IReadOnlyList<RememberedConsent>> ListAsync(Guid userId, CancellationToken ct)
    {
        var liveSince = clock.GetUtcNow() - OidcLifetimes.GrantMaximum;
        var remembered = await db.Set<OidcConsent>().AsNoTracking().Where(c => c.UserId == userId)
            .Join(db.Set<OidcClient>(), c => c.ClientId, k => k.ClientId, (c, k) => new { c.ClientId, k.DisplayName, c.Scopes, c.GrantedAt })
            .ToListAsync(ct);
        var granted = await db.Set<OidcGrant>().AsNoTracking()
            .Where(g => g.UserId == userId && g.RevokedAt == null && g.CreatedAt > liveSince)
            .Join(db.Set<OidcClient>().Where(k => !k.FirstParty), g => g.ClientId, k => k.ClientId, (g, k) => new { g.ClientId, k.DisplayName, g.Scopes, GrantedAt = g.CreatedAt })
            .ToListAsync(ct);
        return remembered.Concat(granted.Where(g => remembered.All(r => r.ClientId != g.ClientId)))
            .GroupBy(x => x.ClientId)
            .Select(g => g.OrderByDescending(x => x.GrantedAt).First())
            .OrderBy(x => x.DisplayName, StringComparer.Ordinal)
            .Select(x => new RememberedConsent(x.ClientId, x.DisplayName, x.Scopes, x.GrantedAt))
            .ToList();
    }

    /// <summary>Forgets the consent and ends every grant the user gave the client (its tokens stop working at once).</summary>
    public async Task<bool> WithdrawAsync(Guid userId, string clientId, CancellationToken ct)
    {
        var removed = await db.Set<OidcConsent>().Where(c => c.UserId == userId && c.ClientId == clientId).ExecuteDeleteAsync(ct);
        removed += await db.Set<OidcCode>().Where(c => c.UserId == userId && c.ClientId == clientId && !db.Set<OidcGrant>().Any(g => g.CodeHash == c.Hash))
            .ExecuteDeleteAsync(ct);
        var grants = await db.Set<OidcGrant>().Where(g => g.UserId == userId && g.ClientId == clientId && g.RevokedAt == null).Select(g => g.Id).ToListAsync(ct);
        if (removed == 0 && grants.Count == 0)
        {
            return false;
        }

        if (grants.Count > 0)
        {
            await revocation.RevokeAsync(grants, "consent-withdrawn", ct);
        }

        await audit.RecordAsync("oidc.consent-withdrawn", objectType: "oidc-client", objectId: clientId, actorId: userId, ct: ct);
        return true;
    }
}
