using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Kernel.Recipes;

/// <summary>The text of a recipe and where it came from (a path, or module:resource for recipes inside modules).</summary>
public sealed record RecipeSource(string Name, string Text)
{
    public static async Task<RecipeSource> FromFileAsync(string path, CancellationToken ct = default) =>
        new(Path.GetFileName(path), await File.ReadAllTextAsync(path, Encoding.UTF8, ct));

    public static RecipeSource FromStream(string name, Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RecipeSource(name, reader.ReadToEnd());
    }

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
