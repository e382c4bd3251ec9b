using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Data;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpPlatform.Kernel.Tests;

public static class Repository
{
    public static string Root { get; } = Find();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IpPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IpPlatform.sln not found");
    }
}

/// <summary>The calendar exactly as recipes/liaoning.recipe.json describes it, without a database.</summary>
public static class SiteRecipeCalendar
{
    public static WorkingDayCalendar Load()
    {
        var recipe = JsonNode.Parse(File.ReadAllText(Repository.Path("recipes/liaoning.recipe.json")))!;
        var step = recipe["steps"]!.AsArray().Single(s => (string?)s!["step"] == "calendar")!.AsObject().DeepClone().AsObject();
        step.Remove("step");
        var model = step.Deserialize<CalendarRecipeStep.Model>(RecipeStep<CalendarRecipeStep.Model>.Json)!;
        return new WorkingDayCalendar(model.Years.SelectMany(CalendarRecipeStep.DaysOf));
    }
}

/// <summary>
/// A recipe runner whose database is unreachable: validation that needs no lookup works, and any attempt to execute
/// fails loudly, which proves that invalid recipes never reach execution.
/// </summary>
public static class OfflineRecipes
{
    private sealed class OfflineDb(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => KernelModel.Configure(modelBuilder);
    }

    public static RecipeRunner Runner()
    {
        var db = new OfflineDb(new DbContextOptionsBuilder().UseNpgsql("Host=127.0.0.1;Port=1;Timeout=1").Options);
        var catalog = ModuleCatalog.FromDirectory(AppContext.BaseDirectory);
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var cache = new ReferenceDataCache(scopes, TimeProvider.System);
        var publicPages = new PublicPageCache(new ServiceCollection().BuildServiceProvider());
        var directory = new ProgramDirectory(cache, catalog, publicPages);
        IRecipeStep[] steps =
        [
            new SiteRecipeStep(cache), new AuthoritiesRecipeStep([directory], cache), new CalendarRecipeStep(new CalendarStore(cache)), new ProgramsRecipeStep(directory), new ModuleRecipesStep(),
            new RoundsRecipeStep(publicPages), new ContentTypesRecipeStep(new ContentTypes(cache)), new ContentRecipeStep(null!, null!, null!, publicPages, new ProgramContentReferences()), new Forms.FormsRecipeStep(null!), new Workflows.WorkflowsRecipeStep(null!, [new Awards.AwardEffectKinds()]), new Reviews.RubricsRecipeStep(TimeProvider.System), new Applications.EligibilityRecipeStep(), new Awards.AwardsRecipeStep(cache),
        ];
        return new RecipeRunner(db, catalog, steps, TimeProvider.System, NullLogger<RecipeRunner>.Instance);
    }

    public static Task<IReadOnlyList<RecipeError>> ValidateAsync(string json, string name = "test.recipe.json") =>
        Runner().ValidateAsync(new RecipeSource(name, json));
}
