using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Data;

/// <summary>A data-protection key ring entry (cookies, antiforgery and reset tokens depend on it).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}

/// <summary>
/// Keeps the key ring in PostgreSQL so that every instance behind the load balancer, and every restart, reads the same
/// keys: a sign-in or a half-filled form survives a deploy.
/// </summary>
public sealed class DataProtectionKeys(IServiceScopeFactory scopes) : IXmlRepository
{
    public static void Configure(ModelBuilder model) => model.Entity<DataProtectionKey>(e =>
    {
        e.ToTable("data_protection_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.FriendlyName).HasMaxLength(128);
    });

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
