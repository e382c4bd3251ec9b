using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Modules;

/// <summary>
/// The module contract. A program module is a class library under modules/ with one concrete subclass of
/// <see cref="ProgramModule{TSettings}"/>; the host finds it at start-up.
/// </summary>
public abstract class ProgramModule
{
    public abstract ModuleManifest Manifest { get; }

    /// <summary>The typed settings of the program, with their defaults.</summary>
    public abstract ModuleSettingsSchema Settings { get; }

    /// <summary>Services the module adds to the host (eligibility rules, KPI formulas...).</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Recipes carried inside the module assembly (embedded resources named recipes/*.recipe.json), in name order.</summary>
    public IReadOnlyList<string> RecipeNames => GetType().Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("recipes/", StringComparison.Ordinal) && n.EndsWith(".recipe.json", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public Stream OpenRecipe(string name) =>
        GetType().Assembly.GetManifestResourceStream(name)
        ?? throw new FileNotFoundException($"模块 {Manifest.Id} 不包含配方 {name}");

    /// <summary>A file the module's recipes refer to (a notice's Markdown body, a document), byte for byte; null when it has none.</summary>
    public bool HasRecipeFile(string name) => GetType().Assembly.GetManifestResourceInfo("recipes/" + name) is not null;

    public byte[]? ReadRecipeFile(string name)
    {
        using var stream = GetType().Assembly.GetManifestResourceStream("recipes/" + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public Assembly Assembly => GetType().Assembly;
}

/// <summary>A module whose program settings are the public properties of <typeparamref name="TSettings"/>.</summary>
public abstract class ProgramModule<TSettings> : ProgramModule where TSettings : class, new()
{
    private static readonly ModuleSettingsSchema Schema = ModuleSettingsSchema.For<TSettings>();

    public sealed override ModuleSettingsSchema Settings => Schema;
}
