using System.Reflection;
using IpPlatform.Kernel.Modules;
using IpPlatform.Programs.HighValuePatent;

namespace IpPlatform.Kernel.Tests;

public sealed class ModuleDiscoveryTests
{
    private static ModuleCatalog Discover() => ModuleCatalog.FromDirectory(AppContext.BaseDirectory);

    [Fact]
    public void Finds_the_five_program_modules_in_the_application_directory()
    {
        var catalog = Discover();

        catalog.Modules.Select(m => m.Manifest.Id).ShouldBe(
            ["brand-institution", "high-value-patent", "info-outlet", "operation-platform", "service-cluster"]);
    }

    [Theory]
    [InlineData("brand-institution", "知识产权服务品牌机构培育", OwnerLevel.Province, "000_9cb40cb6b85f7420.txt")]
    [InlineData("service-cluster", "知识产权服务业高质量集聚发展区", OwnerLevel.Province, "001_8fc984e1082de4ae.txt")]
    [InlineData("info-outlet", "知识产权信息公共服务网点备案", OwnerLevel.City, "002_35205eadfbf16794.txt")]
    [InlineData("operation-platform", "知识产权运营平台服务支撑能力提升项目", OwnerLevel.Province, "003_0ae4ccdcbcb34451.txt")]
    [InlineData("high-value-patent", "辽宁省高价值专利培育中心", OwnerLevel.Province, "004_0f44dffa54d06166.txt")]
    public void Each_manifest_names_its_program_owner_and_seed(string id, string name, OwnerLevel level, string seed)
    {
        var module = Discover().Find(id).ShouldNotBeNull();

        module.Manifest.Name.ShouldBe(name);
        module.Manifest.OwnerLevel.ShouldBe(level);
        module.Manifest.Seed.File.ShouldBe(seed);
    }

    [Fact]
    public void Each_module_carries_a_recipe_that_instantiates_it()
    {
        foreach (var module in Discover().Modules)
        {
            module.RecipeNames.ShouldContain("recipes/program.recipe.json", module.Manifest.Id);
            using var reader = new StreamReader(module.OpenRecipe("recipes/program.recipe.json"));
            reader.ReadToEnd().ShouldContain($"\"module\": \"{module.Manifest.Id}\"");
        }
    }

    [Fact]
    public void Two_modules_with_one_id_are_refused_at_start_up()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            new ModuleCatalog([new HighValuePatentModule(), new HighValuePatentModule()]));

        error.Message.ShouldContain("high-value-patent");
        error.Message.ShouldContain("重复");
    }

    [Fact]
    public void A_manifest_with_a_bad_id_is_refused_with_the_reason()
    {
        var error = Should.Throw<InvalidOperationException>(() => new ModuleCatalog([new BadModule()]));

        error.Message.ShouldContain("Bad_Id");
    }

    [Fact]
    public void Only_concrete_module_types_are_instantiated()
    {
        var catalog = ModuleCatalog.FromAssemblies([typeof(ProgramModule).Assembly, typeof(HighValuePatentModule).Assembly]);

        catalog.Modules.Count.ShouldBe(1);
    }

    public sealed class BadModule : ProgramModule<object>
    {
        public override ModuleManifest Manifest { get; } = new()
        {
            Id = "Bad_Id",
            Name = "坏模块",
            OwnerLevel = OwnerLevel.Province,
            Seed = new SeedDocument("x.txt", "x", "x"),
            Summary = "x",
            Applicants = "x",
        };
    }
}
