using IpPlatform.Kernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Data;

public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(Tuned(connectionString), npgsql => npgsql
            .MigrationsHistoryTable(PlatformDbContext.MigrationsHistoryTable)
            .MigrationsAssembly(typeof(PlatformDbContext).Assembly.GetName().Name));

    /// <summary>The connection string is read when the first context is made, so tests can supply it late.</summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<PlatformDbContext>((sp, o) =>
        {
            Configure(o, ConnectionString(sp.GetRequiredService<IConfiguration>()));
            // Every save that touches something searchable writes its search change log entry in the same transaction.
            if (sp.GetService<Kernel.Search.SearchChangeRecorder>() is { } recorder)
            {
                o.AddInterceptors(recorder);
            }
        });
        services.AddScoped<DbContext>(sp => sp.GetRequiredService<PlatformDbContext>());
        return services;
    }

    /// <summary>
    /// Npgsql prepares the statements it meets again and again on each pooled connection (the platform's queries are few
    /// and repeated, so PostgreSQL stops parsing and planning them each time), and does not reset a connection given back
    /// to the pool (the platform keeps no session state; its one session advisory lock is released in a finally). Measured
    /// on the token endpoint: PostgreSQL's CPU per request fell from 1.3 to 0.6 ms. The pool holds at most 50 connections.
    /// A connection string that sets any of these keeps its own value. (Quartz reads the configured string as it is, in a
    /// small pool of its own.)
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            (tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages) = (64, 2);
        }

        if (!given.ContainsKey("No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        // Half of PostgreSQL's default max_connections (100): requests beyond it wait for a connection instead of failing.
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size"))
        {
            tuned.MaxPoolSize = 50;
        }

        return tuned.ConnectionString;
    }

    /// <summary>The connection string the app serves with (a role that reads and writes rows).</summary>
    public const string AppConnectionName = "Default";

    /// <summary>
    /// The connection string of the role that owns the schema: migrations, the grants to the app's role, backups and
    /// restores use it. Optional: without it the app's own connection does all of that (one role, as before).
    /// </summary>
    public const string OwnerConnectionName = "Migrations";

    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(AppConnectionName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "未配置数据库连接：请设置 ConnectionStrings__Default（或使用 ./ipp run 启动私有 PostgreSQL）。" +
                " No database configured: set ConnectionStrings__Default.")
            : connectionString;
    }

    /// <summary>The owner's connection string (ConnectionStrings:Migrations), or the app's when none is configured.</summary>
    public static string OwnerConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner ? owner : ConnectionString(configuration);

    /// <summary>
    /// A context on the owner's connection (for schema work: migrations, grants), unpooled so that no connection of the
    /// owner's stays open in the serving process once the work is done.
    /// </summary>
    public static PlatformDbContext OwnerContext(string ownerConnectionString)
    {
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        Configure(options, new Npgsql.NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        return new PlatformDbContext(options.Options);
    }
}
