using System.Text.Json;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(IpPlatform.Web.Tests.WebFixture))]

// The tests share one database and some change it: run them one at a time (the whole assembly takes seconds).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace IpPlatform.Web.Tests;

/// <summary>One platform for the whole assembly, on its own fresh database, plus a route that fails on purpose.</summary>
public sealed class WebFixture : PlatformFactory
{
    public const string FailingPage = "/__test/fail";
    public const string FailingApi = "/api/__test/fail";

    protected override IEnumerable<string> ExtraRecipes => ["recipes/demo.recipe.json"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, FailingRoutes>();
            services.AddScoped<IRecipeStep, FailingStep>();
            FormTargetProbe.AddTo(services);
        });
    }

    /// <summary>A recipe step that passes validation and fails while executing, to prove the rollback.</summary>
    public sealed class FailingStep : IRecipeStep
    {
        public const string StepName = "test-fail";

        public string Name => StepName;

        public ValueTask ValidateAsync(JsonElement step, RecipeValidation validation, CancellationToken ct) => ValueTask.CompletedTask;

        public Task<int> ExecuteAsync(JsonElement step, RecipeExecution execution, CancellationToken ct) =>
            throw new InvalidOperationException("execution failed on purpose");
    }

    private sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) =>
                context.Request.Path == FailingPage || context.Request.Path == FailingApi
                    ? throw new InvalidOperationException("secret-internal-detail")
                    : nextMiddleware());
        };
    }
}
