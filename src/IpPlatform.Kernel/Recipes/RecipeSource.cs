using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// The text of a recipe and where it came from (a path, or module:resource for recipes inside modules). Steps may refer
/// to files beside the recipe by a plain file name: text (a notice's Markdown body, a form definition) through
/// <see cref="ReadText"/>, documents (a scanned licence, a PDF) byte for byte through <see cref="ReadBytes"/>.
/// </summary>
public sealed record RecipeSource(string Name, string Text, Func<string, byte[]?>? ReadFile = null)
{
    public static async Task<RecipeSource> FromFileAsync(string path, CancellationToken ct = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new RecipeSource(Path.GetFileName(path), await File.ReadAllTextAsync(path, Encoding.UTF8, ct), name =>
        {
            var file = Path.Combine(directory, name);
            return IsPlainFileName(name) && File.Exists(file) ? File.ReadAllBytes(file) : null;
        });
    }

    public static RecipeSource FromStream(string name, Stream stream, Func<string, byte[]?>? readFile = null)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RecipeSource(name, reader.ReadToEnd(), readFile);
    }

    /// <summary>A file beside the recipe exactly as stored, or null when there is none.</summary>
    public byte[]? ReadBytes(string name) => ReadFile?.Invoke(name);

    /// <summary>A text file beside the recipe (UTF-8, a byte order mark skipped), or null when there is none.</summary>
    public string? ReadText(string name) => ReadBytes(name) is { } bytes ? new UTF8Encoding(false).GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? 3 : 0)) : null;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Only names in the recipe's own folder: no directories, no "..".</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name != ".." && name != "." && !name.Contains("..", StringComparison.Ordinal);

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
