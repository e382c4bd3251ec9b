using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpPlatform.Kernel.Files;

/// <summary>What an upload slot accepts.</summary>
public sealed record UploadRules(IReadOnlyList<FileKind> Allowed, long MaxBytes)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static readonly UploadRules Documents = new([FileKind.Pdf, FileKind.Jpeg, FileKind.Png, FileKind.Ofd], DefaultMaxBytes);

    public string Describe() => $"{string.Join("、", Allowed.Select(k => k.Label()))}，不超过 {MaxBytes / 1024 / 1024} MB";
}

/// <summary>An upload refused for a reason the user can act on; nothing was stored.</summary>
public sealed class UploadRejectedException(string message) : Exception(message);

/// <summary>
/// Stores uploads on disk by SHA-256 (identical files are kept once). The upload is streamed to a temporary file while
/// it is hashed and measured, checked by content, then moved into place: never held whole in memory.
/// </summary>
public sealed class FileStore(DbContext db, IOptions<PlatformDataOptions> options, TimeProvider clock)
{
    private string Root => options.Value.FilesDirectory;

    /// <summary>The stored file with this id, or null (not tracked: for downloads).</summary>
    public async Task<StoredFile?> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>Stages the <see cref="StoredFile"/> row in the caller's unit of work; the caller saves it.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, string fileName, UploadRules rules, Guid? uploadedBy, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
        var temp = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        try
        {
            var (sha256, size) = await CopyAndHashAsync(content, temp, rules.MaxBytes, ct);
            if (size == 0)
            {
                throw new UploadRejectedException("文件是空的，请重新选择文件");
            }

            var kind = FileKinds.Detect(temp);
            if (kind is null || !rules.Allowed.Contains(kind.Value))
            {
                throw new UploadRejectedException(
                    $"文件内容不是允许的类型（只接受{string.Join("、", rules.Allowed.Select(k => k.Label()))}）。仅修改文件扩展名无效，请上传原始文件");
            }

            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temp, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same content arrived before (or at the same moment): the stored copy serves both.
            }

            var file = new StoredFile
            {
                Id = Guid.CreateVersion7(),
                Sha256 = sha256,
                Size = size,
                ContentType = kind.Value.ContentType(),
                FileName = CleanFileName(fileName),
                UploadedBy = uploadedBy,
                UploadedAt = clock.GetUtcNow(),
            };
            db.Set<StoredFile>().Add(file);
            return file;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Stream OpenRead(StoredFile file) => File.OpenRead(PathOf(file.Sha256));

    private string PathOf(string sha256) => Path.Combine(Root, RelativePath(sha256));

    /// <summary>Where the store keeps the file of this SHA-256 (lower-case hex), under its root.</summary>
    public static string RelativePath(string sha256) => Path.Combine(sha256[..2], sha256[2..4], sha256);

    /// <summary>Whether <paramref name="relativePath"/> (separated by '/') is where the store keeps a file: not a temporary upload, nothing else.</summary>
    public static bool IsStoredFilePath(string relativePath) =>
        Path.GetFileName(relativePath) is { Length: 64 } sha256 && sha256.All(char.IsAsciiHexDigitLower)
        && relativePath == RelativePath(sha256).Replace(Path.DirectorySeparatorChar, '/');

    private static async Task<(string Sha256, long Size)> CopyAndHashAsync(Stream content, string path, long maxBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new UploadRejectedException($"文件超过 {maxBytes / 1024 / 1024} MB 的上限，请压缩或拆分后重新上传");
                }

                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static string CleanFileName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/')).Trim();
        clean = new string(clean.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length switch
        {
            0 => "未命名文件",
            > 200 => clean[..200],
            _ => clean,
        };
    }
}
