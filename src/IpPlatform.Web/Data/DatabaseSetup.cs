using IpPlatform.Kernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Data;

public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsHistoryTable(PlatformDbContext.MigrationsHistoryTable)
            .MigrationsAssembly(typeof(PlatformDbContext).Assembly.GetName().Name));

    /// <summary>The connection string is read when the first context is made, so tests can supply it late.</summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<PlatformDbContext>((sp, o) => Configure(o, ConnectionString(sp.GetRequiredService<IConfiguration>())));
        services.AddScoped<DbContext>(sp => sp.GetRequiredService<PlatformDbContext>());
        return services;
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "未配置数据库连接：请设置 ConnectionStrings__Default（或使用 ./ipp run 启动私有 PostgreSQL）。" +
                " No database configured: set ConnectionStrings__Default.")
            : connectionString;
    }
}
