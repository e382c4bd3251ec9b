using IpPlatform.Kernel.Recipes;
using IpPlatform.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Hosting;

/// <summary>Settings for what the app does before it serves (section "Platform").</summary>
public sealed class PlatformOptions
{
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Recipes run at every start (appsettings.json names the site recipe); they are idempotent, so a second start
    /// changes nothing. Empty here because configuration binding appends to a list rather than replacing it.
    /// </summary>
    public List<string> StartupRecipes { get; set; } = [];

    /// <summary>The address users reach the platform at; emailed links start with it. Required outside development.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>A PFX certificate that encrypts the data-protection key ring at rest (recommended in production).</summary>
    public string? KeyRingCertificate { get; set; }

    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>How many requests that change something run at once (the others wait their turn); 0: four per core.</summary>
    public int ConcurrentWrites { get; set; }
}

/// <summary>
/// Applies migrations and runs the start-up recipes. Several instances may start at once: a PostgreSQL advisory lock
/// makes them take turns, so each migration and recipe runs once. Migrations run on the owner's connection
/// (ConnectionStrings:Migrations, else the app's), recipes and everything after on the app's.
/// </summary>
public static class StartupTasks
{
    private const long AdvisoryLockKey = 0x1970_2101;

    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return MigrateAsync(DatabaseSetup.OwnerConnectionString(configuration), DatabaseSetup.ConnectionString(configuration),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks)), ct);
    }

    /// <summary>
    /// As the owner: the EF Core migrations, the scheduler's tables (Quartz), then the app's role given its rights
    /// (<see cref="GrantAppRole"/>). A restore runs the same steps on the database it has just filled.
    /// </summary>
    public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, ILogger logger, CancellationToken ct = default)
    {
        await using var db = DatabaseSetup.OwnerContext(ownerConnectionString);
        await WithLockAsync(db, async () =>
        {
            // EF reads the history table before creating it and logs the failure as an error on every new database;
            // creating it first (EF's own shape) keeps a first start's log clean.
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TABLE IF NOT EXISTS {PlatformDbContext.MigrationsHistoryTable} " +
                "(\"MigrationId\" character varying(150) PRIMARY KEY, \"ProductVersion\" character varying(32) NOT NULL)", ct);
            await db.Database.MigrateAsync(ct);
            await ProvisionQuartzSchema.RunAsync(ownerConnectionString, ct);
            if (await GrantAppRole.RunAsync(db, appConnectionString, ct) is { } granted)
            {
                logger.LogInformation("Role {AppRole} may read and write rows, not change the schema; append-only for it: {Tables}",
                    granted.AppRole, string.Join(", ", granted.AppendOnlyTables));
                foreach (var warning in granted.Warnings)
                {
                    logger.LogWarning("Least privilege not in force: {Warning}", warning);
                }
            }
        }, ct);
    }

    public static async Task<IReadOnlyList<RecipeResult>> RunRecipesAsync(
        IServiceProvider services, IEnumerable<string> paths, CancellationToken ct = default)
    {
        var results = new List<RecipeResult>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        await WithLockAsync(db, async () =>
        {
            foreach (var path in paths)
            {
                var source = await RecipeSource.FromFileAsync(ResolvePath(path), ct);
                results.Add(await runner.RunAsync(source, ct));
            }
        }, ct);
        return results;
    }

    public static async Task RunAsync(IServiceProvider services, PlatformOptions options, CancellationToken ct = default)
    {
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(services, ct);
        }

        var recipes = options.StartupRecipes.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        if (recipes.Count > 0)
        {
            await RunRecipesAsync(services, recipes, ct);
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Applications.StartMissingInstances>().StartMissingInstancesAsync(ct);
    }

    /// <summary>A relative path is looked up in the working directory, then beside the application.</summary>
    public static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var besideApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideApp) ? besideApp : throw new FileNotFoundException($"找不到配方文件：{path}", path);
    }

    private static async Task WithLockAsync(DbContext db, Func<Task> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
            try
            {
                await work();
            }
            finally
            {
                try
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
                {
                    // Pooled connections are not reset on return: a connection that may still hold the lock is never reused.
                    Npgsql.NpgsqlConnection.ClearPool((Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
