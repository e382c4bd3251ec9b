using System.Reflection;

namespace IpPlatform.Kernel.Modules;

/// <summary>The program modules found at start-up, by id.</summary>
public sealed class ModuleCatalog
{
    /// <summary>Module assemblies follow this file-name pattern; nothing else is scanned.</summary>
    public const string AssemblyPattern = "IpPlatform.Programs.*.dll";

    private readonly Dictionary<string, ProgramModule> _byId;

    public ModuleCatalog(IEnumerable<ProgramModule> modules)
    {
        Modules = modules.OrderBy(m => m.Manifest.Id, StringComparer.Ordinal).ToList();
        _byId = new Dictionary<string, ProgramModule>(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            ModuleManifestValidator.ThrowIfInvalid(module);
            if (!_byId.TryAdd(module.Manifest.Id, module))
            {
                throw new InvalidOperationException(
                    $"模块标识“{module.Manifest.Id}”重复：{module.GetType().FullName} 与 {_byId[module.Manifest.Id].GetType().FullName}");
            }
        }
    }

    public IReadOnlyList<ProgramModule> Modules { get; }

    public ProgramModule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds the module types in the given assemblies and instantiates each once.</summary>
    public static ModuleCatalog FromAssemblies(IEnumerable<Assembly> assemblies) =>
        new(assemblies
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ProgramModule).IsAssignableFrom(t))
            .Select(t => (ProgramModule)(Activator.CreateInstance(t)
                ?? throw new InvalidOperationException($"无法创建模块 {t.FullName}"))));

    /// <summary>Loads every module assembly in <paramref name="directory"/> (the application's base directory).</summary>
    public static ModuleCatalog FromDirectory(string directory) =>
        FromAssemblies(Directory.EnumerateFiles(directory, AssemblyPattern)
            .Order(StringComparer.Ordinal)
            .Select(path => Assembly.LoadFrom(path)));
}
