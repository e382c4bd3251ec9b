using System.Net;
using System.Text.Json.Nodes;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Content;

public sealed class ProgramCopyTests(WebFixture app)
{
    [Fact]
    public async Task Shenyang_runs_its_own_copy_of_a_provincial_module_without_touching_the_provinces_program()
    {
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");
        var before = await app.Database.ScalarAsync<string>("SELECT settings::text FROM programs WHERE slug = 'service-cluster'");

        var created = await shenyang.PostAsync("/editor/programs/new?Module=service-cluster",
        [
            new("Module", "service-cluster"), new("Name", "沈阳市知识产权服务业集聚发展区"), new("Slug", "shenyang-service-cluster"),
            new("Owner", "210100"), new("Settings[minServiceInstitutions]", "6"), new("Settings[publicNoticeWorkingDays]", "7"),
        ]);

        created.RedirectsTo("/editor/programs/shenyang-service-cluster").ShouldBeTrue();
        var copy = JsonNode.Parse((await app.Database.ScalarAsync<string>("SELECT settings::text FROM programs WHERE slug = 'shenyang-service-cluster'"))!)!;
        ((int)copy["minServiceInstitutions"]!).ShouldBe(6);
        (await app.Database.ScalarAsync<string>("SELECT owner_authority_code FROM programs WHERE slug = 'shenyang-service-cluster'")).ShouldBe("210100");

        // Changing the copy leaves the province's program as it was; the province sees the city's program.
        var changed = await shenyang.PostAsync("/editor/programs/shenyang-service-cluster",
            [new("Name", "沈阳市知识产权服务业集聚发展区"), new("Settings[constructionYears]", "3")], "/editor/programs/shenyang-service-cluster/Settings");
        changed.RedirectsTo("/editor/programs/shenyang-service-cluster").ShouldBeTrue();
        (await app.Database.ScalarAsync<string>("SELECT settings::text FROM programs WHERE slug = 'service-cluster'")).ShouldBe(before);
        (await app.NewFormClient().GetAsync("/programs")).Html.ShouldContain("沈阳市知识产权服务业集聚发展区");
        (await (await app.SignedInAsync("editor.province@example.com")).GetAsync("/editor/programs")).Html.ShouldContain("沈阳市知识产权服务业集聚发展区");

        // A Shenyang editor cannot change the province's program; an out-of-range setting is named.
        (await shenyang.GetAsync("/editor/programs/service-cluster")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        var bad = await shenyang.PostAsync("/editor/programs/shenyang-service-cluster",
            [new("Name", "x"), new("Settings[publicNoticeWorkingDays]", "99")], "/editor/programs/shenyang-service-cluster/Settings");
        bad.Html.ShouldContain("设置项“公示期（工作日）”：应在 1 到 30 之间");
        (await app.Database.ScalarAsync<string>("DELETE FROM programs WHERE slug = 'shenyang-service-cluster' RETURNING slug")).ShouldNotBeNull();
        app.Services.GetService(typeof(Kernel.Programs.ProgramDirectory)).ShouldBeOfType<Kernel.Programs.ProgramDirectory>().Invalidate();
    }

    [Fact]
    public async Task A_program_exported_by_the_province_imports_into_a_city_as_a_separate_program()
    {
        var province = await app.SignedInAsync("editor.province@example.com");
        var export = await province.Http.GetAsync("/editor/programs/brand-institution/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var recipe = await export.Content.ReadAsByteArrayAsync();
        JsonNode.Parse(recipe)!["steps"]!.AsArray().Select(s => (string?)s!["step"]).ShouldBe(["programs", "rounds", "content"]);

        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");
        var imported = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "shenyang-brand-institution"), new("Owner", "210100")], [("recipe", "brand-institution.recipe.json", recipe)]);

        imported.RedirectsTo("/editor/programs/shenyang-brand-institution").ShouldBeTrue();
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM programs WHERE module_id = 'brand-institution'")).ShouldBe(2);
        (await app.Database.ScalarAsync<string>("SELECT owner_authority_code FROM programs WHERE slug = 'shenyang-brand-institution'")).ShouldBe("210100");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM rounds WHERE key = 'shenyang-brand-institution-2024'")).ShouldBe(1);
        (await app.Database.ScalarAsync<string>("SELECT owner_authority FROM content_items WHERE published_program = 'shenyang-brand-institution'")).ShouldBe("210100");
        (await app.Database.ScalarAsync<string>("SELECT owner_authority FROM content_items WHERE recipe_key = 'notice:brand-institution:seed'")).ShouldBe("210000");

        // Importing the same file again under the same name changes nothing (recipes are idempotent).
        var again = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "shenyang-brand-institution"), new("Owner", "210100")], [("recipe", "brand-institution.recipe.json", recipe)]);
        again.RedirectsTo("/editor/programs/shenyang-brand-institution").ShouldBeTrue();
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM content_items WHERE published_program = 'shenyang-brand-institution'")).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{ "step": "staff", "staff": [ { "email": "evil@example.com", "name": "x", "password": "Evil#2026x", "roles": [ { "role": "administrator", "authority": "210000" } ] } ] }""", "不能包含“staff”步骤")]
    [InlineData("""{ "step": "authorities", "authorities": [] }""", "不能包含“authorities”步骤")]
    public async Task An_import_cannot_carry_other_kinds_of_steps(string extraStep, string message)
    {
        var recipe = $$"""{ "name": "x", "steps": [ { "step": "programs", "programs": [ { "slug": "x", "module": "service-cluster", "owner": "210000", "name": "x" } ] }, {{extraStep}} ] }""";
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");

        var response = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "shenyang-evil"), new("Owner", "210100")], [("recipe", "evil.recipe.json", System.Text.Encoding.UTF8.GetBytes(recipe))]);

        response.Html.ShouldContain(message);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'evil@example.com'")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM programs WHERE slug = 'shenyang-evil'")).ShouldBe(0);
    }

    [Fact]
    public async Task Differently_cased_duplicate_properties_cannot_smuggle_another_address_into_an_import()
    {
        const string recipe = """
            { "name": "x", "steps": [ { "step": "programs", "programs": [ { "slug": "a", "owner": "210100", "module": "high-value-patent", "name": "n",
              "Slug": "high-value-patent", "Owner": "210100" } ] } ] }
            """;
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");

        var response = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "sy-copy"), new("Owner", "210100")], [("recipe", "x.recipe.json", System.Text.Encoding.UTF8.GetBytes(recipe))]);

        response.Html.ShouldContain("文件不是本平台导出的项目配方");
        (await app.Database.ScalarAsync<string>("SELECT owner_authority_code FROM programs WHERE slug = 'high-value-patent'")).ShouldBe("210000");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM programs WHERE slug = 'sy-copy'")).ShouldBe(0);
    }

    [Fact]
    public async Task An_import_cannot_take_over_another_authoritys_program()
    {
        var province = await app.SignedInAsync("editor.province@example.com");
        var recipe = await (await province.Http.GetAsync("/editor/programs/high-value-patent/export")).Content.ReadAsByteArrayAsync();
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");

        var response = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "high-value-patent"), new("Owner", "210100")], [("recipe", "hvp.recipe.json", recipe)]);

        response.Html.ShouldContain("已被其他单位的项目使用");
        (await app.Database.ScalarAsync<string>("SELECT owner_authority_code FROM programs WHERE slug = 'high-value-patent'")).ShouldBe("210000");
    }

    [Fact]
    public async Task A_file_that_is_not_an_exported_program_is_refused()
    {
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");

        var response = await shenyang.PostMultipartAsync("/editor/programs/import",
            [new("Slug", "x-program"), new("Owner", "210100")], [("recipe", "notes.json", "{\"hello\": 1}"u8.ToArray())]);

        response.Html.ShouldContain("文件不是本平台导出的项目配方");
    }
}
