using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Data;

/// <summary>The one database model of the platform: the kernel's tables, Identity's, and each module's.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        KernelModel.Configure(modelBuilder);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
