using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Oidc;

/// <summary>The signing key in use and the keys the JWKS publishes, held in memory once loaded.</summary>
public sealed record KeyRingSnapshot(string Kid, RSA Current, IReadOnlyList<SigningKey> Published, DateTimeOffset LoadedAt)
{
    private readonly Dictionary<string, RSA> _public = Published.ToDictionary(
        k => k.Kid, k => RSA.Create(new RSAParameters { Modulus = Jws.FromBase64Url(k.Modulus), Exponent = Jws.FromBase64Url(k.Exponent) }));

    /// <summary>The public key of a published kid, for verifying the provider's own tokens; null for an unknown kid.</summary>
    public RSA? PublicKey(string kid) => _public.GetValueOrDefault(kid);
}

/// <summary>
/// Signing keys: created on first use and rotated every <see cref="RotationPeriod"/>. The next key is created and
/// published <see cref="PublishAhead"/> before it starts signing (relying parties caching the JWKS, and other instances
/// of the platform, know it before any token carries its kid); a retired key stays published for
/// <see cref="OverlapWindow"/> so tokens it signed still verify. Several instances agree through the table (an advisory
/// lock serialises rotation); each reloads its snapshot at most every minute.
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan RotationPeriod = TimeSpan.FromDays(30);

    public static readonly TimeSpan PublishAhead = TimeSpan.FromDays(1);

    /// <summary>Longer than any token lifetime the provider issues (refresh tokens are opaque, not signed).</summary>
    public static readonly TimeSpan OverlapWindow = TimeSpan.FromDays(2);

    private static readonly TimeSpan ReloadAfter = TimeSpan.FromMinutes(1);

    private const long RotationLock = 0x4F494443;   // "OIDC"

    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeyRingSnapshot? _snapshot;

    private IDataProtector Protector => protection.CreateProtector("IpPlatform.Oidc.SigningKeys");

    public async Task<KeyRingSnapshot> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < ReloadAfter)
        {
            return fresh;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && clock.GetUtcNow() - again.LoadedAt < ReloadAfter)
            {
                return again;
            }

            return _snapshot = await LoadOrRotateAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public static JsonObject Jwks(KeyRingSnapshot snapshot) => new()
    {
        ["keys"] = new JsonArray(snapshot.Published.Select(k => (JsonNode?)new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = k.Kid, ["n"] = k.Modulus, ["e"] = k.Exponent,
        }).ToArray()),
    };

    /// <summary>Forces the next read to go to the table (after a rotation elsewhere, or in tests).</summary>
    public void Reload() => _snapshot = null;

    private async Task<KeyRingSnapshot> LoadOrRotateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", ct);
        var keys = await db.Set<SigningKey>().Where(k => k.UnpublishAt == null || k.UnpublishAt > now).OrderBy(k => k.ActivatesAt).ToListAsync(ct);
        // Active: started and not yet retired by this instance's clock (another instance's clock may run ahead).
        var active = keys.Where(k => k.ActivatesAt <= now && (k.RetiredAt == null || k.RetiredAt > now)).ToList();
        var changed = false;
        if (active.Count == 0)
        {
            active.Add(Add(db, audit, keys, Create(now, activatesAt: now)));
            changed = true;
        }

        // The newest active key signs; any older one retires as of the moment its successor took over.
        var current = active[^1];
        foreach (var older in active.SkipLast(1).Where(k => k.RetiredAt == null))
        {
            (older.RetiredAt, older.UnpublishAt) = (current.ActivatesAt, current.ActivatesAt + OverlapWindow);
            changed = true;
        }

        if (now - current.ActivatesAt >= RotationPeriod - PublishAhead && !keys.Any(k => k.ActivatesAt > now))
        {
            Add(db, audit, keys, Create(now, activatesAt: now + PublishAhead));
            changed = true;
        }

        if (changed)
        {
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Protector.Unprotect(current.ProtectedPrivateKey)), out _);
        return new KeyRingSnapshot(current.Kid, rsa, keys, now);
    }

    private static SigningKey Add(DbContext db, AuditLog audit, List<SigningKey> keys, SigningKey key)
    {
        db.Add(key);
        keys.Add(key);
        audit.Add("oidc.signing-key-created", objectType: "signing-key", objectId: key.Kid,
            details: new JsonObject { ["activatesAt"] = key.ActivatesAt.ToString("O") });
        return key;
    }

    private SigningKey Create(DateTimeOffset now, DateTimeOffset activatesAt)
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new SigningKey
        {
            Kid = Jws.Base64Url(SHA256.HashData(parameters.Modulus!))[..16], CreatedAt = now, ActivatesAt = activatesAt,
            ProtectedPrivateKey = Protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            Modulus = Jws.Base64Url(parameters.Modulus), Exponent = Jws.Base64Url(parameters.Exponent),
        };
    }
}
