using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Oidc;

/// <summary>The signing key in use and the keys the JWKS publishes (with their private keys: any of them may verify, the current one signs), held in memory once loaded.</summary>
public sealed record KeyRingSnapshot(string Kid, RSA Current, IReadOnlyList<(SigningKey Key, RSA Rsa)> Published, DateTimeOffset LoadedAt)
{
    /// <summary>What identifies this snapshot's keys: when it changes, the provider's credentials are rebuilt.</summary>
    public string Fingerprint => Kid + "|" + string.Join(',', Published.Select(p => p.Key.Kid));
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

    /// <summary>
    /// Longer than anything a key signed lives: access and ID tokens (10 minutes), and refresh tokens (14 days — they are
    /// signed, then encrypted, and verified again when redeemed).
    /// </summary>
    public static readonly TimeSpan OverlapWindow = TimeSpan.FromDays(15);

    private static readonly TimeSpan ReloadAfter = TimeSpan.FromMinutes(1);

    private const long RotationLock = 0x4F494443;   // "OIDC"

    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeyRingSnapshot? _snapshot;
    private CancellationTokenSource _changed = new();

    /// <summary>Fires when the keys in use or published change (a rotation here or on another instance, or <see cref="Reload"/>).</summary>
    public Microsoft.Extensions.Primitives.IChangeToken Changes => new Microsoft.Extensions.Primitives.CancellationChangeToken(_changed.Token);

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

            var loaded = await LoadOrRotateAsync(ct);
            var before = _snapshot?.Fingerprint;
            _snapshot = loaded;
            if (before is not null && before != loaded.Fingerprint)
            {
                Changed();
            }

            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forces the next read to go to the table (after a rotation elsewhere, or in tests).</summary>
    public void Reload()
    {
        _snapshot = null;
        Changed();
    }

    private void Changed()
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
    }

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
        var published = keys.Select(k => (k, PrivateKey(k))).ToList();
        return new KeyRingSnapshot(current.Kid, published.First(p => p.k.Kid == current.Kid).Item2, published, now);
    }

    private RSA PrivateKey(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return rsa;
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
            Kid = Base64Url.EncodeToString(SHA256.HashData(parameters.Modulus!))[..16], CreatedAt = now, ActivatesAt = activatesAt,
            ProtectedPrivateKey = Protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            Modulus = Base64Url.EncodeToString(parameters.Modulus), Exponent = Base64Url.EncodeToString(parameters.Exponent),
        };
    }
}
