using IpPlatform.Kernel.Recipes;
using IpPlatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests;

public sealed class RecipeAndMigrationTests(WebFixture app)
{
    [Fact]
    public async Task Migrations_applied_from_an_empty_database_leave_nothing_pending()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        var applied = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM {PlatformDbContext.MigrationsHistoryTable}");
        applied.ShouldBe(db.Database.GetMigrations().Count());
    }

    [Fact]
    public async Task The_site_recipe_loads_authorities_calendar_and_programs()
    {
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities")).ShouldBe(29);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities WHERE level = 'City'")).ShouldBe(15);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities WHERE parent_code = '210100'")).ShouldBe(13);
        (await app.Database.ScalarAsync<string>("SELECT agency FROM authorities WHERE code = 'SFSFQ'")).ShouldBe("沈抚示范区市场监管局");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_days WHERE kind = 'Workday'")).ShouldBe(19);
        (await app.Database.ScalarAsync<string>("SELECT name FROM calendar_days WHERE date = '2025-10-08'")).ShouldBe("国庆节、中秋节");
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM programs WHERE slug IN ('brand-institution', 'high-value-patent', 'shenyang-info-outlet', 'operation-platform', 'service-cluster')"))
            .ShouldBe(5);
    }

    [Fact]
    public async Task Every_page_names_the_platform_and_its_hosts_as_the_site_recipe_says()
    {
        var site = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recipes", "liaoning.recipe.json")))!["steps"]!
            .AsArray().Single(s => s!["step"]!.ToString() == "site")!;
        var (name, host, coHost) = (site["name"]!.ToString(), site["host"]!.ToString(), site["coHosts"]![0]!.ToString());
        (await app.Database.ScalarAsync<string>("SELECT name FROM site_settings")).ShouldBe(name);

        var home = (await app.NewFormClient().GetAsync("/programs")).Html;
        home.ShouldContain($"</title>".Insert(0, name), customMessage: "the page title ends with the site's name");
        home.ShouldContain($"<a class=\"navbar-brand fw-semibold\" href=\"/\">{name}</a>");
        home.ShouldContain($"主办：{host}　协办：{coHost}");
    }

    [Fact]
    public async Task Unpublishing_shows_at_once_and_the_site_recipe_at_start_up_never_undoes_it()
    {
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM content_items WHERE recipe_key = 'notice:service-cluster:seed'");
        var editor = new Kernel.Content.ContentActor(null, "测试编辑");
        var visitor = app.NewFormClient();
        (await visitor.GetAsync($"/notices/{id}")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<Kernel.Content.UnpublishContent>().UnpublishAsync(id, editor)).Succeeded.ShouldBeTrue();
        }

        // Unpublishing evicts the anonymous page cache at once.
        (await visitor.GetAsync($"/notices/{id}")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound);

        try
        {
            await app.RunRecipeFilesAsync("recipes/liaoning.recipe.json");
            (await app.Database.ScalarAsync<int?>($"SELECT published_version FROM content_items WHERE id = '{id}'")).ShouldBeNull();
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Kernel.Content.PublishContent>().PublishAsync(id, null, editor);
        }
    }

    [Fact]
    public async Task The_site_recipe_at_start_up_keeps_what_editors_changed_in_programs_rounds_and_content_types()
    {
        var before = (
            await app.Database.ScalarAsync<string>("SELECT name FROM programs WHERE slug = 'service-cluster'"),
            await app.Database.ScalarAsync<string>("SELECT title FROM rounds WHERE key = 'operation-platform-2023'"),
            await app.Database.ScalarAsync<string>("SELECT display_name FROM content_types WHERE name = 'Page'"));
        await app.Database.ScalarAsync<int>("""
            UPDATE programs SET name = '编辑改过的名称' WHERE slug = 'service-cluster';
            UPDATE rounds SET title = '编辑改过的批次' WHERE key = 'operation-platform-2023';
            UPDATE content_types SET display_name = '编辑改过的类型' WHERE name = 'Page';
            SELECT 1;
            """);
        try
        {
            (await app.RunRecipeFilesAsync("recipes/liaoning.recipe.json")).ShouldHaveSingleItem().Changes.ShouldBe(0);
            (await app.Database.ScalarAsync<string>("SELECT name FROM programs WHERE slug = 'service-cluster'")).ShouldBe("编辑改过的名称");
            (await app.Database.ScalarAsync<string>("SELECT title FROM rounds WHERE key = 'operation-platform-2023'")).ShouldBe("编辑改过的批次");
            (await app.Database.ScalarAsync<string>("SELECT display_name FROM content_types WHERE name = 'Page'")).ShouldBe("编辑改过的类型");
        }
        finally
        {
            await app.Database.ScalarAsync<int>($"""
                UPDATE programs SET name = '{before.Item1}' WHERE slug = 'service-cluster';
                UPDATE rounds SET title = '{before.Item2}' WHERE key = 'operation-platform-2023';
                UPDATE content_types SET display_name = '{before.Item3}' WHERE name = 'Page';
                SELECT 1;
                """);
        }
    }

    [Fact]
    public async Task Running_the_site_recipe_again_changes_nothing()
    {
        var results = await app.RunRecipeFilesAsync("recipes/liaoning.recipe.json");

        var result = results.ShouldHaveSingleItem();
        result.Changes.ShouldBe(0);
        result.Steps.Select(s => s.Step).ShouldBe(
        [
            "site", "authorities", "calendar", "content-types",
            "programs", "forms", "workflows", "rubrics", "eligibility", "awards", "rounds", "content", // brand-institution: its form, rubric, 培育 and the city's filings, 2024 round
            "programs", "forms", "workflows", "rubrics", "eligibility", "awards", "content", // high-value-patent: the centre, its reports and checks
            "programs", "forms", "workflows", "eligibility", "awards", "content", // info-outlet: the filing, its 名录 and obligations
            "programs", "forms", "workflows", "eligibility", "awards", "rounds", "content", // operation-platform: 立项, 阶段核查, 综合评估, its 2023 round
            "programs", "forms", "workflows", "eligibility", "awards", "content", // service-cluster: the zone, 建设方案 to 期满评估
        ]);
    }

    [Fact]
    public async Task An_invalid_recipe_writes_nothing()
    {
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities");
        var source = new RecipeSource("bad.recipe.json", """
            { "name": "bad", "steps": [
              { "step": "authorities", "authorities": [ { "code": "210199", "name": "测试区", "agency": "测试", "level": "district", "parent": "210100" } ] },
              { "step": "calendar", "years": [ { "year": 2024, "holidays": [], "workdays": [] } ] } ] }
            """);

        var error = await Should.ThrowAsync<RecipeValidationException>(() => app.RunRecipeAsync(source));

        error.Errors.ShouldHaveSingleItem().ToString().ShouldBe("bad.recipe.json 第2步（calendar） 字段“years[0].holidays”：每年至少有一个法定节假日");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities")).ShouldBe(before);
    }

    [Fact]
    public async Task The_platform_has_one_province_a_second_is_refused_in_the_step_and_by_the_database()
    {
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities");
        var twoInOneStep = new RecipeSource("two.recipe.json", """
            { "name": "two", "steps": [ { "step": "authorities", "authorities": [
              { "code": "220000", "name": "吉林省", "agency": "吉林省知识产权局", "level": "province" },
              { "code": "230000", "name": "黑龙江省", "agency": "黑龙江省知识产权局", "level": "province" } ] } ] }
            """);
        var error = await Should.ThrowAsync<RecipeValidationException>(() => app.RunRecipeAsync(twoInOneStep));
        error.Errors.ShouldHaveSingleItem().ToString().ShouldBe("two.recipe.json 第1步（authorities） 字段“authorities[1].level”：平台只能有一个省级单位，本步骤已有“220000”");

        // Beside the one the site recipe made (辽宁), a later recipe's province does not get in either.
        var another = new RecipeSource("another.recipe.json", """
            { "name": "another", "steps": [ { "step": "authorities", "authorities": [
              { "code": "220000", "name": "吉林省", "agency": "吉林省知识产权局", "level": "province" } ] } ] }
            """);
        await Should.ThrowAsync<Exception>(() => app.RunRecipeAsync(another));

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM authorities")).ShouldBe(before);
        (await app.Database.ScalarAsync<string>("SELECT code FROM authorities WHERE level = 'Province'")).ShouldBe("210000");
    }

    [Fact]
    public async Task A_failure_during_execution_rolls_back_every_step()
    {
        var source = new RecipeSource("half.recipe.json", $$"""
            { "name": "half", "steps": [
              { "step": "calendar", "years": [ { "year": 2030, "holidays": [ { "from": "2030-01-01", "to": "2030-01-01", "name": "元旦" } ], "workdays": [] } ] },
              { "step": "{{WebFixture.FailingStep.StepName}}" } ] }
            """);

        await Should.ThrowAsync<InvalidOperationException>(() => app.RunRecipeAsync(source));

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_days WHERE date = '2030-01-01'")).ShouldBe(0);
    }

    [Fact]
    public async Task Every_run_is_recorded_with_its_hash()
    {
        var runs = await app.Database.ScalarAsync<long>("SELECT count(*) FROM recipe_runs WHERE recipe_name = 'liaoning' AND length(sha256) = 64");

        runs.ShouldBeGreaterThanOrEqualTo(1);
    }
}
