using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// The AES-256 key that encrypts what OpenIddict keeps for itself (the payload of codes and refresh tokens), one for
/// every instance of the platform. It never leaves the server and is never rotated away: a token encrypted under it must
/// stay readable until it expires. Stored protected by data protection, like the signing keys.
/// </summary>
public sealed class OidcEncryptionKey
{
    public int Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string ProtectedKey { get; set; }
}

internal sealed class OidcEncryptionKeyConfiguration : IEntityTypeConfiguration<OidcEncryptionKey>
{
    public void Configure(EntityTypeBuilder<OidcEncryptionKey> e)
    {
        e.ToTable("oidc_encryption_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}

/// <summary>Reads the encryption key, creating it on first start (the first instance to insert it wins).</summary>
public sealed class OidcEncryptionKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    private byte[]? _key;

    private IDataProtector Protector => protection.CreateProtector("IpPlatform.Oidc.EncryptionKey");

    public byte[] Get()
    {
        if (_key is { } loaded)
        {
            return loaded;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var candidate = Protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        db.Database.ExecuteSql($"INSERT INTO oidc_encryption_keys (id, created_at, protected_key) VALUES (1, {clock.GetUtcNow()}, {candidate}) ON CONFLICT (id) DO NOTHING");
        var stored = db.Set<OidcEncryptionKey>().AsNoTracking().Single(k => k.Id == 1);
        return _key = Convert.FromBase64String(Protector.Unprotect(stored.ProtectedKey));
    }
}
