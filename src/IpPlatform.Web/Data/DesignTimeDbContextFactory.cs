using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Web.Data;

/// <summary>Used only by `dotnet ef` (EF_DESIGN=true builds); adding a migration needs no live database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
                 ?? "Host=127.0.0.1;Database=design_time;Username=design;Password=design";
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        DatabaseSetup.Configure(options, cs);
        return new PlatformDbContext(options.Options);
    }
}
