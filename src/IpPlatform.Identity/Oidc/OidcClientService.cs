using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Administrators register and change relying parties (the same rules as the recipe step). A confidential client's
/// secret is generated here (256 random bits), shown once and stored only as its hash; regenerating replaces it.
/// </summary>
public sealed class OidcClientService(DbContext db, AuditLog audit, OidcClientCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<OidcClient>> ListAsync(CancellationToken ct = default) =>
        await db.Set<OidcClient>().AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(ct);

    public Task<OidcClient?> FindAsync(string clientId, CancellationToken ct = default) =>
        db.Set<OidcClient>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, ct);

    /// <summary>Creates or updates a client; returns the new secret when one was generated (a new confidential client).</summary>
    public async Task<Outcome<(OidcClient Client, string? Secret)>> SaveAsync(OidcClientsRecipeStep.Entry entry, bool disabled, CancellationToken ct = default)
    {
        var stored = await db.Set<OidcClient>().FirstOrDefaultAsync(c => c.ClientId == entry.ClientId, ct);
        var secret = entry.Type == OidcClientType.Confidential && stored?.SecretHash is null ? NewSecret() : null;
        var errors = new FieldErrors();
        foreach (var (path, message) in OidcClientsRecipeStep.Problems(entry with { Secret = entry.Type == OidcClientType.Confidential ? secret ?? new string('x', OidcVocabulary.MinSecretLength) : null }))
        {
            errors.Add(path, message);
        }

        if (errors.Any)
        {
            return Outcome<(OidcClient, string?)>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        if (stored is null)
        {
            stored = new OidcClient { ClientId = entry.ClientId, DisplayName = entry.Name, CreatedAt = now };
            db.Add(stored);
        }

        stored.Apply(entry, now);
        stored.Disabled = disabled;
        if (entry.Type == OidcClientType.Public)
        {
            stored.SecretHash = null;
        }
        else if (secret is not null)
        {
            stored.SecretHash = OidcClient.HashSecret(secret);
        }

        audit.Add("oidc.client-saved", objectType: "oidc-client", objectId: entry.ClientId,
            details: new JsonObject { ["type"] = entry.Type.ToString(), ["disabled"] = disabled, ["redirectUris"] = string.Join(" ", entry.RedirectUris) });
        await db.SaveChangesAsync(ct);
        cache.Invalidate(stored.ClientId);
        return Outcome<(OidcClient, string?)>.Ok((stored, secret));
    }

    public async Task<string?> RegenerateSecretAsync(string clientId, CancellationToken ct = default)
    {
        var stored = await db.Set<OidcClient>().FirstOrDefaultAsync(c => c.ClientId == clientId && c.Type == OidcClientType.Confidential, ct);
        if (stored is null)
        {
            return null;
        }

        var secret = NewSecret();
        (stored.SecretHash, stored.UpdatedAt) = (OidcClient.HashSecret(secret), clock.GetUtcNow());
        audit.Add("oidc.client-secret-regenerated", objectType: "oidc-client", objectId: clientId);
        await db.SaveChangesAsync(ct);
        cache.Invalidate(stored.ClientId);
        return secret;
    }

    private static string NewSecret() => Jws.Base64Url(RandomNumberGenerator.GetBytes(32));
}
