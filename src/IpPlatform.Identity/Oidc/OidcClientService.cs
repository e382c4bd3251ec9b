using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Administrators register and change relying parties (the same rules as the recipe step), through OpenIddict's
/// application manager. A confidential client's secret is generated here (256 random bits), shown once and stored only as
/// its hash; regenerating replaces it.
/// </summary>
public sealed class OidcClientService(DbContext db, IOpenIddictApplicationManager applications, AuditLog audit, OidcClientCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<OidcClient>> ListAsync(CancellationToken ct = default) =>
        (await db.Set<OidcApplication>().AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(ct)).Select(OidcClient.From).ToList();

    public async Task<OidcClient?> FindAsync(string clientId, CancellationToken ct = default) =>
        await db.Set<OidcApplication>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, ct) is { } stored ? OidcClient.From(stored) : null;

    /// <summary>Creates or updates a client; returns the new secret when one was generated (a new confidential client).</summary>
    public async Task<Outcome<(OidcClient Client, string? Secret)>> SaveAsync(OidcClientsRecipeStep.Entry entry, bool disabled, CancellationToken ct = default)
    {
        var stored = await applications.FindByClientIdAsync(entry.ClientId, ct) as OidcApplication;
        var keptSecret = stored?.ClientSecret;
        var secret = entry.Type == OidcClientType.Confidential && keptSecret is null ? NewSecret() : null;
        var errors = new FieldErrors();
        foreach (var (path, message) in OidcClientsRecipeStep.Problems(entry with { Secret = entry.Type == OidcClientType.Confidential ? secret ?? new string('x', OidcVocabulary.MinSecretLength) : null }))
        {
            errors.Add(path, message);
        }

        if (errors.Any)
        {
            return Outcome<(OidcClient, string?)>.Fail(errors);
        }

        audit.Add("oidc.client-saved", objectType: "oidc-client", objectId: entry.ClientId,
            details: new JsonObject { ["type"] = entry.Type.ToString(), ["disabled"] = disabled, ["redirectUris"] = string.Join(" ", entry.RedirectUris) });
        var saved = await OidcClientsRecipeStep.SaveAsync(applications, stored, entry, secret, keptSecret, disabled, clock.GetUtcNow(), ct);
        cache.Invalidate(entry.ClientId);
        return Outcome<(OidcClient, string?)>.Ok((OidcClient.From(saved), secret));
    }

    public async Task<string?> RegenerateSecretAsync(string clientId, CancellationToken ct = default)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is not OidcApplication stored || stored.ClientType != OpenIddictConstants.ClientTypes.Confidential)
        {
            return null;
        }

        var secret = NewSecret();
        stored.UpdatedAt = clock.GetUtcNow();
        audit.Add("oidc.client-secret-regenerated", objectType: "oidc-client", objectId: clientId);
        await applications.UpdateAsync(stored, secret, ct);
        cache.Invalidate(clientId);
        return secret;
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
