using System.Formats.Tar;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using IpPlatform.Web.Data;
using IpPlatform.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IpPlatform.Web.Backups;

/// <summary>
/// Brings an archive of <see cref="CreateBackup"/> back: every part is unpacked and checked against the manifest's SHA-256
/// before anything changes; then the database (which must exist, and be empty unless <c>force</c>) is filled by pg_restore
/// as the owner — every object owned by the owner, whichever roles owned them where the backup was taken — and the
/// migrate step runs on it (migrations this build adds, the scheduler's tables, the app's role given its rights again);
/// then the uploads are put in the file store and the search indexes removed (each instance rebuilds its own from the
/// restored database). Stop the platform first.
/// </summary>
public static class RestoreBackup
{
    public sealed record Result(BackupManifest Manifest, int Files, int MissingFiles);

    public static async Task<Result> RunAsync(string archivePath, BackupTarget target, bool force, ILogger logger, CancellationToken ct = default)
    {
        var staging = Path.Combine(Path.GetFullPath(target.DataDirectory), $".restore-{Guid.NewGuid():N}");
        try
        {
            BackupManifest manifest;
            try
            {
                manifest = await UnpackAsync(Path.GetFullPath(archivePath), staging, ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new BackupException($"{archivePath} 不是完整的 tar 归档（{ex.Message}），未做任何恢复。");
            }

            await using var owner = DatabaseSetup.OwnerContext(target.OwnerConnectionString);
            if (manifest.Migration is { } migration && !owner.Database.GetMigrations().Contains(migration))
            {
                throw new BackupException($"备份来自更新的版本（数据库迁移 {migration}，平台 {manifest.AppVersion}），本程序不认识它：请用那个版本或更新的版本恢复。");
            }

            var filesThere = Directory.Exists(target.FilesDirectory) && Directory.EnumerateFiles(target.FilesDirectory, "*", SearchOption.AllDirectories).Any();
            var objects = await ScalarAsync<long>(owner, """
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\_%'
                """, ct);
            if ((objects > 0 || filesThere) && !force)
            {
                throw new BackupException(
                    $"目标不是空的（数据库 {PostgresTools.DatabaseName(target.OwnerConnectionString)} 已有 {objects} 个表等对象" +
                    $"{(filesThere ? $"，文件目录 {target.FilesDirectory} 已有文件" : "")}）：恢复会覆盖它们。确认要覆盖时请加 --force。");
            }

            if (objects > 0)
            {
                // Everything in the schema goes, with the default privileges given in it; the migrate step gives them again.
                await owner.Database.ExecuteSqlRawAsync("""
                    DO $$ DECLARE s text := current_schema(); BEGIN
                      EXECUTE format('DROP SCHEMA %I CASCADE', s);
                      EXECUTE format('CREATE SCHEMA %I', s);
                    END $$
                    """, ct);
            }

            await PostgresTools.RunAsync("pg_restore", target.OwnerConnectionString,
                ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + PostgresTools.DatabaseName(target.OwnerConnectionString),
                 Path.Combine(staging, BackupManifest.DatabasePart)], ct);
            await StartupTasks.MigrateAsync(target.OwnerConnectionString, target.AppConnectionString, logger, ct);

            if (force && Directory.Exists(target.FilesDirectory))
            {
                Directory.Delete(target.FilesDirectory, recursive: true);
            }

            foreach (var part in manifest.Files)
            {
                var destination = Path.Combine(target.FilesDirectory, part.Path[BackupManifest.FilesFolder.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, part.Path), destination, overwrite: true);
            }

            if (Directory.Exists(target.SearchDirectory))
            {
                Directory.Delete(target.SearchDirectory, recursive: true);
            }

            var missing = (await owner.Database.SqlQueryRaw<string>("SELECT sha256 AS \"Value\" FROM stored_files").ToListAsync(ct))
                .Count(sha => !File.Exists(Path.Combine(target.FilesDirectory, SharedDirectoryFileContent.RelativePath(sha))));
            var details = manifest.AuditDetails(Path.GetFullPath(archivePath));
            details["forced"] = force;
            details["missingFiles"] = missing;
            await new AuditLog(owner, new HttpContextAccessor(), TimeProvider.System)
                .RecordAsync("backup.restored", objectType: "backup", details: details, actorName: CreateBackup.Actor, ct: ct);
            return new Result(manifest, manifest.Files.Count, missing);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Unpacks the archive into <paramref name="staging"/>: the manifest first, then only the parts it names (plain
    /// files at plain relative paths), each checked against its size and SHA-256 once written.
    /// </summary>
    private static async Task<BackupManifest> UnpackAsync(string archivePath, string staging, CancellationToken ct)
    {
        if (!File.Exists(archivePath))
        {
            throw new BackupException($"找不到备份文件 {archivePath}。");
        }

        await using var input = File.OpenRead(archivePath);
        await using var tar = new TarReader(input);
        BackupManifest? manifest = null;
        Dictionary<string, BackupPart> expected = [];
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (manifest is null)
            {
                if (entry.Name != BackupManifest.FileName || entry.DataStream is null)
                {
                    throw new BackupException($"{archivePath} 不是本平台的备份：第一项应为 {BackupManifest.FileName}。");
                }

                manifest = BackupManifest.Parse(entry.DataStream);
                expected = manifest.Files.Prepend(manifest.Database).ToDictionary(p => p.Path);
                if (manifest.Database.Path != BackupManifest.DatabasePart || manifest.Files.Any(f => !f.Path.StartsWith(BackupManifest.FilesFolder, StringComparison.Ordinal)
                    || !SharedDirectoryFileContent.IsStoredFilePath(f.Path[BackupManifest.FilesFolder.Length..])))
                {
                    throw new BackupException($"备份清单 {BackupManifest.FileName} 含有不允许的路径。");
                }

                Directory.CreateDirectory(staging);
                continue;
            }

            if (!expected.Remove(entry.Name, out var part) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                throw new BackupException($"备份中的“{entry.Name}”不在清单中或不是普通文件：备份不完整或被改动过，未做任何恢复。");
            }

            var path = Path.Combine(staging, part.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var output = File.Create(path))
            {
                await entry.DataStream.CopyToAsync(output, ct);
            }

            await using var written = File.OpenRead(path);
            if (written.Length != part.Bytes || await BackupManifest.Sha256Async(written, ct) != part.Sha256)
            {
                throw new BackupException($"备份中的“{part.Path}”与清单记录的 SHA-256 不符：备份已损坏或被改动过，未做任何恢复。");
            }
        }

        if (manifest is null || expected.Count > 0)
        {
            throw new BackupException($"备份不完整：缺少 {(manifest is null ? BackupManifest.FileName : string.Join("、", expected.Keys.Take(5)))}，未做任何恢复。");
        }

        return manifest;
    }

    private static async Task<T> ScalarAsync<T>(PlatformDbContext db, string sql, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
