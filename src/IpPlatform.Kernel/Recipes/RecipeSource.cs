using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// The text of a recipe and where it came from (a path, or module:resource for recipes inside modules). Steps may refer
/// to files beside the recipe (a notice's Markdown body) by a plain file name, read through <see cref="ReadFile"/>.
/// </summary>
public sealed record RecipeSource(string Name, string Text, Func<string, string?>? ReadFile = null)
{
    public static async Task<RecipeSource> FromFileAsync(string path, CancellationToken ct = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new RecipeSource(Path.GetFileName(path), await File.ReadAllTextAsync(path, Encoding.UTF8, ct), name =>
        {
            var file = Path.Combine(directory, name);
            return IsPlainFileName(name) && File.Exists(file) ? File.ReadAllText(file, Encoding.UTF8) : null;
        });
    }

    public static RecipeSource FromStream(string name, Stream stream, Func<string, string?>? readFile = null)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RecipeSource(name, reader.ReadToEnd(), readFile);
    }

    /// <summary>Only names in the recipe's own folder: no directories, no "..".</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name != ".." && name != "." && !name.Contains("..", StringComparison.Ordinal);

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
