using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

public sealed record RememberedConsent(string ClientId, string ClientName, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt);

/// <summary>
/// Consent a user remembered for a client (not needed for first-party clients) — a permanent authorization in
/// OpenIddict's store — the clients a user has let in (/account/apps), and the withdrawal that ends every grant and
/// token the user gave that client.
/// </summary>
public sealed class ConsentService(DbContext db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AuditLog audit, TimeProvider clock)
{
    public async Task<bool> CoversAsync(Guid userId, Guid applicationId, IEnumerable<string> scopes, CancellationToken ct)
    {
        await foreach (var _ in authorizations.FindAsync(userId.ToString(), applicationId.ToString(), Statuses.Valid, AuthorizationTypes.Permanent, [.. scopes], ct))
        {
            return true;
        }

        return false;
    }

    /// <summary>Remembers the scopes, with those remembered before for the client (one consent per user and client).</summary>
    public async Task RememberAsync(Guid userId, Guid applicationId, string clientId, IEnumerable<string> scopes, CancellationToken ct)
    {
        var union = new SortedSet<string>(scopes, StringComparer.Ordinal);
        var earlier = new List<object>();
        await foreach (var remembered in authorizations.FindAsync(userId.ToString(), applicationId.ToString(), Statuses.Valid, AuthorizationTypes.Permanent, scopes: null, ct))
        {
            union.UnionWith(await authorizations.GetScopesAsync(remembered, ct));
            earlier.Add(remembered);
        }

        foreach (var remembered in earlier)
        {
            await authorizations.TryRevokeAsync(remembered, ct);
        }

        var granted = union.ToImmutableArray();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, userId.ToString())], "consent"));
        audit.Add("oidc.consent-given", objectType: "oidc-client", objectId: clientId, actorId: userId,
            details: new JsonObject { ["scope"] = string.Join(' ', granted) });
        await authorizations.CreateAsync(principal, userId.ToString(), applicationId.ToString(), AuthorizationTypes.Permanent, granted, ct);
    }

    /// <summary>
    /// Clients the user has let in: remembered consents, and clients (not the platform's own) holding a live grant given
    /// without "remember".
    /// </summary>
    public async Task<IReadOnlyList<RememberedConsent>> ListAsync(Guid userId, CancellationToken ct)
    {
        var subject = userId.ToString();
        var liveSince = clock.GetUtcNow() - OidcLifetimes.GrantMaximum;
        var rows = await db.Set<OidcAuthorization>().AsNoTracking()
            .Where(a => a.Subject == subject && a.Status == Statuses.Valid && a.Application != null && a.Application.ConsentType != ConsentTypes.Implicit
                        && (a.Type == AuthorizationTypes.Permanent || a.CreationDate > liveSince.UtcDateTime))
            .Select(a => new { a.Application!.ClientId, a.Application.DisplayName, a.Scopes, a.Type, a.CreationDate })
            .ToListAsync(ct);
        return rows
            .Select(r => new { r.ClientId, r.DisplayName, Scopes = System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Scopes ?? "[]") ?? [], r.Type, r.CreationDate })
            .GroupBy(r => r.ClientId!)
            .Select(g => g.OrderBy(r => r.Type == AuthorizationTypes.Permanent ? 0 : 1).ThenByDescending(r => r.CreationDate).First())
            .OrderBy(r => r.DisplayName, StringComparer.Ordinal)
            .Select(r => new RememberedConsent(r.ClientId!, r.DisplayName ?? r.ClientId!, r.Scopes, new DateTimeOffset(r.CreationDate ?? DateTime.UtcNow, TimeSpan.Zero)))
            .ToList();
    }

    /// <summary>Forgets the consent and ends every grant and token (unredeemed codes included) the user gave the client.</summary>
    public async Task<bool> WithdrawAsync(Guid userId, string clientId, CancellationToken ct)
    {
        var applicationId = await db.Set<OidcApplication>().AsNoTracking().Where(a => a.ClientId == clientId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (applicationId is null)
        {
            return false;
        }

        var subject = userId.ToString();
        var ended = await authorizations.RevokeAsync(subject, applicationId.ToString()!, status: null, type: null, ct);
        ended += await tokens.RevokeAsync(subject, applicationId.ToString()!, status: null, type: null, ct);
        if (ended == 0)
        {
            return false;
        }

        await audit.RecordAsync("oidc.consent-withdrawn", objectType: "oidc-client", objectId: clientId, actorId: userId, details: new JsonObject { ["ended"] = ended }, ct: ct);
        return true;
    }
}
