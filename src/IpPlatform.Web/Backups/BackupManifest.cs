using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace IpPlatform.Web.Backups;

/// <summary>A backup or restore that cannot go ahead; the message says why, in Chinese, and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>One part of a backup archive: its path inside the archive, its size and its SHA-256 (lower-case hex).</summary>
public sealed record BackupPart(string Path, long Bytes, string Sha256);

/// <summary>
/// What a backup archive (a tar) holds, written as its first entry, <c>manifest.json</c>: when it was taken, by which
/// build of the platform, the last migration applied to the database, and the SHA-256 of every other entry — the
/// database (<c>database.dump</c>, pg_dump's custom format) and each uploaded file (<c>files/…</c>, as the file store
/// keeps them). A restore checks every part against it before it changes anything.
/// </summary>
public sealed record BackupManifest(
    string Format, DateTimeOffset CreatedAt, string AppVersion, string? Migration, BackupPart Database, IReadOnlyList<BackupPart> Files)
{
    public const string CurrentFormat = "ipp-backup/1";

    public const string FileName = "manifest.json";

    public const string DatabasePart = "database.dump";

    public const string FilesFolder = "files/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>This build's version (the assembly's informational version: version and commit).</summary>
    public static string ThisAppVersion =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest Parse(Stream stream)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(stream, Json);
        }
        catch (JsonException ex)
        {
            throw new BackupException($"备份清单 {FileName} 无法读取：{ex.Message}");
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.Database is null || manifest.Files is null)
        {
            throw new BackupException($"备份清单 {FileName} 不是本平台可识别的格式（应为 {CurrentFormat}）。");
        }

        return manifest;
    }

    public static async Task<string> Sha256Async(Stream stream, CancellationToken ct) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));

    /// <summary>What the audit log records of a backup taken or restored.</summary>
    public System.Text.Json.Nodes.JsonObject AuditDetails(string archivePath) => new()
    {
        ["archive"] = archivePath, ["createdAt"] = CreatedAt, ["appVersion"] = AppVersion, ["migration"] = Migration,
        ["databaseSha256"] = Database.Sha256, ["files"] = Files.Count,
    };
}
