using System.Formats.Tar;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using IpPlatform.Web.Data;
using Npgsql;

namespace IpPlatform.Web.Backups;

/// <summary>
/// Writes one archive (a tar) of the platform: the database, dumped by pg_dump in its custom format as the owner (one
/// consistent snapshot, taken while the platform keeps serving), then the file store's uploads, and a manifest with the
/// SHA-256 of every part (<see cref="BackupManifest"/>). The database is dumped first: an upload that arrives meanwhile
/// may be carried without a row naming it, but no row can name a file the archive lacks (stored files are never changed
/// or removed). The archive is written under a temporary name and renamed when complete; an existing file is never
/// overwritten.
/// </summary>
public static class CreateBackup
{
    /// <summary>Who the audit log names for a backup or a restore: the command, and the operating-system account that ran it.</summary>
    public static string Actor => $"命令行（{Environment.UserName}）";

    public static async Task<BackupManifest> RunAsync(BackupTarget source, string archivePath, CancellationToken ct = default)
    {
        archivePath = Path.GetFullPath(archivePath);
        if (File.Exists(archivePath))
        {
            throw new BackupException($"备份文件 {archivePath} 已存在：请换一个文件名，已有的备份不会被覆盖。");
        }

        var folder = Path.GetDirectoryName(archivePath)!;
        Directory.CreateDirectory(folder);
        var dump = Path.Combine(folder, $".{Path.GetFileName(archivePath)}.{Guid.NewGuid():N}.dump");
        var partial = archivePath + ".partial";
        try
        {
            var migration = await LatestMigrationAsync(source.OwnerConnectionString, ct);
            await PostgresTools.RunAsync("pg_dump", source.OwnerConnectionString, ["--format=custom", "--file=" + dump], ct);
            var database = await PartAsync(dump, BackupManifest.DatabasePart, ct);
            var files = new List<(string Source, BackupPart Part)>();
            foreach (var (file, relative) in StoredFiles(source.FilesDirectory))
            {
                files.Add((file, await PartAsync(file, BackupManifest.FilesFolder + relative, ct)));
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, DateTimeOffset.UtcNow, BackupManifest.ThisAppVersion, migration,
                database, [.. files.Select(f => f.Part)]);
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false))
            {
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.FileName) { DataStream = new MemoryStream(manifest.ToUtf8()) }, ct);
                await tar.WriteEntryAsync(dump, BackupManifest.DatabasePart, ct);
                foreach (var (file, part) in files)
                {
                    await tar.WriteEntryAsync(file, part.Path, ct);
                }
            }

            File.Move(partial, archivePath);
            await using var owner = DatabaseSetup.OwnerContext(source.OwnerConnectionString);
            await new AuditLog(owner, new HttpContextAccessor(), TimeProvider.System)
                .RecordAsync("backup.created", objectType: "backup", details: manifest.AuditDetails(archivePath), actorName: Actor, ct: ct);
            return manifest;
        }
        finally
        {
            File.Delete(dump);
            File.Delete(partial);
        }
    }

    /// <summary>The uploads the file store keeps (not those still being received, nothing else found there), by their path under it.</summary>
    private static IEnumerable<(string File, string Relative)> StoredFiles(string filesDirectory) =>
        (Directory.Exists(filesDirectory) ? Directory.EnumerateFiles(filesDirectory, "*", SearchOption.AllDirectories) : [])
            .Select(f => (File: f, Relative: Path.GetRelativePath(filesDirectory, f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => SharedDirectoryFileContent.IsStoredFilePath(f.Relative))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);

    private static async Task<BackupPart> PartAsync(string path, string name, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return new BackupPart(name, stream.Length, await BackupManifest.Sha256Async(stream, ct));
    }

    private static async Task<string?> LatestMigrationAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        var table = PlatformDbContext.MigrationsHistoryTable;
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(ct) is not true)
        {
            return null;
        }

        await using var latest = new NpgsqlCommand($"SELECT max(\"MigrationId\") FROM {table}", connection);
        return await latest.ExecuteScalarAsync(ct) as string;
    }
}
