using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// The text of a recipe and where it came from (a path, or module:resource for recipes inside modules). Steps may refer
/// to files beside the recipe by a plain file name: whether one is there (<see cref="HasFile"/>, for the validation),
/// text (a notice's Markdown body, a form definition) through <see cref="ReadText"/>, documents (a scanned licence, a
/// PDF) byte for byte through <see cref="ReadBytes"/>.
/// </summary>
public sealed record RecipeSource(string Name, string Text)
{
    private readonly RecipeFiles? _files;

    public RecipeSource(string name, string text, RecipeFiles? files) : this(name, text) => _files = files;

    public static async Task<RecipeSource> FromFileAsync(string path, CancellationToken ct = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Beside(string name) => IsPlainFileName(name) && Path.Combine(directory, name) is var file && File.Exists(file) ? file : null;
        return new RecipeSource(Path.GetFileName(path), await File.ReadAllTextAsync(path, Encoding.UTF8, ct),
            new RecipeFiles(name => Beside(name) is not null, name => Beside(name) is { } file ? File.ReadAllBytes(file) : null));
    }

    public static RecipeSource FromStream(string name, Stream stream, RecipeFiles? files = null)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RecipeSource(name, reader.ReadToEnd(), files);
    }

    /// <summary>Whether a file of that name is beside the recipe (without reading it).</summary>
    public bool HasFile(string name) => IsPlainFileName(name) && _files?.Exists(name) == true;

    /// <summary>A file beside the recipe exactly as stored, or null when there is none.</summary>
    public byte[]? ReadBytes(string name) => IsPlainFileName(name) ? _files?.Read(name) : null;

    /// <summary>A text file beside the recipe (UTF-8, a byte order mark skipped), or null when there is none.</summary>
    public string? ReadText(string name) => ReadBytes(name) is { } bytes
        ? Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0))
        : null;

    /// <summary>Only names in the recipe's own folder: no directories, no "..".</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name != ".." && name != "." && !name.Contains("..", StringComparison.Ordinal);

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}

/// <summary>How the files beside a recipe are found and read (a folder, a module's embedded resources).</summary>
public sealed record RecipeFiles(Func<string, bool> Exists, Func<string, byte[]?> Read);
