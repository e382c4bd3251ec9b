using System.Reflection;
using System.Xml.Linq;

namespace IpPlatform.Kernel.Tests;

/// <summary>
/// The architecture's one hard rule: the kernel knows no module, and no module knows another. Checked on the project
/// files (what could be referenced) and on the compiled assemblies (what is referenced).
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> ModuleProjects() =>
        [.. Directory.GetFiles(Path.Combine(Root, "modules"), "*.csproj", SearchOption.AllDirectories).Select(p => Path.GetFileNameWithoutExtension(p))];

    [Fact]
    public void There_are_five_module_projects()
    {
        ModuleProjects().Count.ShouldBe(5);
    }

    [Fact]
    public void The_kernel_project_references_no_other_platform_project()
    {
        ProjectReferences("src/IpPlatform.Kernel/IpPlatform.Kernel.csproj").ShouldBeEmpty();
    }

    [Fact]
    public void The_kernel_assembly_references_no_module_identity_or_host()
    {
        var references = typeof(Modules.ProgramModule).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Where(n => n.StartsWith("IpPlatform.", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_project_references_only_the_kernel(string project)
    {
        var path = Directory.GetFiles(Path.Combine(Root, "modules"), project + ".csproj", SearchOption.AllDirectories).Single();

        ProjectReferences(Path.GetRelativePath(Root, path)).ShouldBe(["IpPlatform.Kernel"]);
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_assembly_references_only_the_kernel(string project)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, project + ".dll"));

        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("IpPlatform.", StringComparison.Ordinal))
            .ShouldBe(["IpPlatform.Kernel"]);
    }

    private static List<string> ProjectReferences(string relativePath) =>
        XDocument.Load(Path.Combine(Root, relativePath))
            .Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToList();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IpPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
