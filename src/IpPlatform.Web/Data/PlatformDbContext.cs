using IpPlatform.Identity;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Data;

/// <summary>The one database model of the platform: Identity's tables, the kernel's, and each module's.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : IdentityUserContext<PlatformUser, Guid>(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        KernelModel.Configure(modelBuilder);
        IdentityModel.Configure(modelBuilder);
        DataProtectionKeys.Configure(modelBuilder);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
