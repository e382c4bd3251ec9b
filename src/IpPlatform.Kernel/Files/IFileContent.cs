using Microsoft.Extensions.Options;

namespace IpPlatform.Kernel.Files;

/// <summary>
/// Where the bytes of stored files live, by SHA-256 (the database holds everything else about a file). Every instance
/// must read what any instance wrote: the default, <see cref="SharedDirectoryFileContent"/>, is a directory they all
/// mount; an object store would be another implementation of this interface.
/// </summary>
public interface IFileContent
{
    /// <summary>
    /// A local directory for an upload on its way in (streamed there, hashed and checked by <see cref="FileStore"/>);
    /// <see cref="KeepAsync"/> is given a file from it.
    /// </summary>
    string StagingDirectory { get; }

    /// <summary>Keeps <paramref name="stagedFile"/> as the content <paramref name="sha256"/> (content kept before is kept once); the staged file may be gone afterwards.</summary>
    Task KeepAsync(string sha256, string stagedFile, CancellationToken ct);

    Stream OpenRead(string sha256);
}

/// <summary>
/// Files under <c>{DataDirectory}/files</c>, as <c>ab/cd/abcd…</c>. Uploads are staged in <c>files/tmp</c>, on the same
/// file system, and renamed into place: another instance never sees a file half written (a POSIX rename is atomic;
/// NFS and CIFS mounts give this too).
/// </summary>
public sealed class SharedDirectoryFileContent(IOptions<PlatformDataOptions> options) : IFileContent
{
    private string Root => options.Value.FilesDirectory;

    public string StagingDirectory => Path.Combine(Root, "tmp");

    public Task KeepAsync(string sha256, string stagedFile, CancellationToken ct)
    {
        var target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(stagedFile, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            // The same content arrived before (or at the same moment): the stored copy serves both.
        }

        return Task.CompletedTask;
    }

    public Stream OpenRead(string sha256) => File.OpenRead(PathOf(sha256));

    private string PathOf(string sha256) => Path.Combine(Root, RelativePath(sha256));

    /// <summary>Where the directory keeps the file of this SHA-256 (lower-case hex), under its root.</summary>
    public static string RelativePath(string sha256) => Path.Combine(sha256[..2], sha256[2..4], sha256);

    /// <summary>Whether <paramref name="relativePath"/> (separated by '/') is where a file is kept: not a staged upload, nothing else.</summary>
    public static bool IsStoredFilePath(string relativePath) =>
        Path.GetFileName(relativePath) is { Length: 64 } sha256 && sha256.All(char.IsAsciiHexDigitLower)
        && relativePath == RelativePath(sha256).Replace(Path.DirectorySeparatorChar, '/');
}
