using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Registered clients, read on every authorization and token request, held in memory for <see cref="Lifetime"/>. A change
/// (disabling a client, a new secret, new redirect addresses) drops the entry on the instance that made it, so it applies
/// there at once and on other instances within <see cref="Lifetime"/>.
/// </summary>
public sealed class OidcClientCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (OidcClient? Client, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);

    private (IReadOnlySet<string> Origins, DateTimeOffset LoadedAt)? _origins;

    /// <summary>The enabled client with this id, or null.</summary>
    public async Task<OidcClient?> FindAsync(string clientId, CancellationToken ct)
    {
        if (_entries.TryGetValue(clientId, out var entry) && clock.GetUtcNow() - entry.LoadedAt < Lifetime)
        {
            return entry.Client;
        }

        await using var scope = scopes.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<OidcClient>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ClientId == clientId && !c.Disabled, ct);
        if (_entries.Count > 10_000)
        {
            _entries.Clear(); // unknown ids sent by anyone must not grow the cache without bound
        }

        _entries[clientId] = (client, clock.GetUtcNow());
        return client;
    }

    /// <summary>
    /// Origins that may call the back-channel endpoints from a browser (CORS): those of the redirect addresses of the
    /// enabled public clients — the single-page applications. Confidential clients call from their servers.
    /// </summary>
    public async Task<IReadOnlySet<string>> BrowserOriginsAsync(CancellationToken ct)
    {
        if (_origins is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < Lifetime)
        {
            return fresh.Origins;
        }

        await using var scope = scopes.CreateAsyncScope();
        var uris = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<OidcClient>().AsNoTracking()
            .Where(c => !c.Disabled && c.Type == OidcClientType.Public).Select(c => c.RedirectUris).ToListAsync(ct);
        var origins = uris.SelectMany(u => u)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed.Scheme + "://" + parsed.Authority : null)
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        _origins = (origins, clock.GetUtcNow());
        return origins;
    }

    public void Invalidate(string clientId)
    {
        _entries.TryRemove(clientId, out _);
        _origins = null;
    }
}
