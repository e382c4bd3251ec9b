using IpPlatform.Kernel;
using IpPlatform.Web.Data;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Backups;

/// <summary>
/// Where a backup is read from and a restore written to: the database, reached as its owner (ConnectionStrings:Migrations,
/// else the app's connection), the app's connection (whose role the restore grants its rights again) and the data
/// directory whose file store is carried.
/// </summary>
public sealed record BackupTarget(string OwnerConnectionString, string AppConnectionString, string DataDirectory)
{
    private PlatformDataOptions Data => new() { DataDirectory = DataDirectory };

    public string FilesDirectory => Data.FilesDirectory;

    public string SearchDirectory => Data.SearchDirectory;

    /// <summary>The configured platform's database and data directory.</summary>
    public static BackupTarget Of(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return new BackupTarget(DatabaseSetup.OwnerConnectionString(configuration), DatabaseSetup.ConnectionString(configuration),
            services.GetRequiredService<IOptions<PlatformDataOptions>>().Value.DataDirectory);
    }
}
