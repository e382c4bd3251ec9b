using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Registered clients as the platform's pages show them (the sign-in page naming the client a sign-on leads to) and the
/// origins CORS admits, held in memory for <see cref="Lifetime"/> (a change evicts it here and, by the cache broadcast, on
/// the other instances). Decisions of the protocol never read this cache: the provider checks the client in the
/// database on every request, so disabling one acts at once.
/// </summary>
public sealed class OidcClientCache(IServiceScopeFactory scopes, TimeProvider clock, Kernel.Caching.CacheBroadcast? broadcast = null)
    : Kernel.Caching.ILocalEviction
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public const string BroadcastTopic = "oidc-clients";

    string Kernel.Caching.ILocalEviction.Topic => BroadcastTopic;

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
        var stored = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<OidcApplication>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ClientId == clientId && !c.Disabled, ct);
        if (_entries.Count > 10_000)
        {
            _entries.Clear(); // unknown ids sent by anyone must not grow the cache without bound
        }

        var client = stored is null ? null : OidcClient.From(stored);
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
        var stored = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<OidcApplication>().AsNoTracking()
            .Where(c => !c.Disabled && c.ClientType == OpenIddict.Abstractions.OpenIddictConstants.ClientTypes.Public).ToListAsync(ct);
        var origins = stored.Select(OidcClient.From).SelectMany(c => c.RedirectUris)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed.Scheme + "://" + parsed.Authority : null)
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        _origins = (origins, clock.GetUtcNow());
        return origins;
    }

    /// <summary>Drops the client here and on every other instance.</summary>
    public void Invalidate(string clientId)
    {
        EvictLocally(clientId);
        broadcast?.Send(BroadcastTopic, clientId);
    }

    public void EvictLocally(string? key)
    {
        if (key is null)
        {
            _entries.Clear();
        }
        else
        {
            _entries.TryRemove(key, out _);
        }

        _origins = null;
    }
}
