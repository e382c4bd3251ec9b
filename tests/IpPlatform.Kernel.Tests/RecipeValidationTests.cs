using IpPlatform.Kernel.Recipes;

namespace IpPlatform.Kernel.Tests;

public sealed class RecipeValidationTests
{
    private const string Province = """{ "code": "210000", "name": "辽宁省", "agency": "辽宁省知识产权局", "level": "province" }""";

    private static string Recipe(params string[] steps) => $$"""{ "name": "t", "steps": [ {{string.Join(",", steps)}} ] }""";

    [Fact]
    public async Task The_site_recipe_and_every_module_recipe_are_valid()
    {
        var text = await File.ReadAllTextAsync(Repository.Path("recipes/liaoning.recipe.json"));

        (await OfflineRecipes.ValidateAsync(text, "liaoning.recipe.json")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_site_step_needs_a_name_and_a_host_of_sensible_length()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe($$"""{ "step": "site", "name": "", "host": "{{new string('局', 129)}}", "coHosts": [" "] }"""));

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("name", "平台名称不能为空，且不超过 64 个字符"),
            ("host", "主办单位不能为空，且不超过 128 个字符"),
            ("coHosts[0]", "协办单位不能为空，且不超过 128 个字符"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Broken_json_names_the_file_and_line()
    {
        var errors = await OfflineRecipes.ValidateAsync("{\n \"name\": \"t\",\n \"steps\": [ }", "broken.recipe.json");

        errors.ShouldHaveSingleItem().ToString().ShouldStartWith("broken.recipe.json：不是合法的 JSON（第 3 行");
    }

    [Fact]
    public async Task An_unknown_step_names_its_index_and_the_known_steps()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe("""{ "step": "authorites" }"""));

        var error = errors.ShouldHaveSingleItem();
        (error.Source, error.StepIndex, error.Field).ShouldBe(("test.recipe.json", 0, "step"));
        error.Message.ShouldContain("authorities");
        error.ToString().ShouldContain("第1步（authorites）");
    }

    [Fact]
    public async Task An_unknown_property_is_located_by_its_path()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            """{ "step": "authorities", "authorities": [ { "code": "210000", "name": "辽宁省", "agency": "x", "level": "province", "levle": 1 } ] }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("authorities[0].levle");
        error.Message.ShouldContain("不认识的属性");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_located_by_its_path()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            """{ "step": "calendar", "years": [ { "year": 2024, "holidays": [ { "from": "2024-13-01", "to": "2024-01-01", "name": "元旦" } ], "workdays": [] } ] }"""));

        errors.ShouldHaveSingleItem().Field.ShouldBe("years[0].holidays[0].from");
    }

    [Fact]
    public async Task A_missing_required_property_is_named()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            """{ "step": "authorities", "authorities": [ { "code": "210000", "name": "辽宁省", "level": "province" } ] }"""));

        errors.ShouldHaveSingleItem().Message.ShouldContain("agency");
    }

    [Fact]
    public async Task Every_error_of_every_step_is_reported_at_once_and_nothing_runs()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            $$"""{ "step": "authorities", "authorities": [ {{Province}}, { "code": "21010", "name": "沈阳市", "agency": "沈阳市知识产权局", "level": "city", "parent": "210000" } ] }""",
            """{ "step": "calendar", "years": [ { "year": 2024, "holidays": [ { "from": "2024-01-01", "to": "2024-01-01", "name": "元旦" } ], "workdays": [ { "date": "2024-01-03", "name": "调休" } ] } ] }""",
            """{ "step": "programs", "programs": [ { "slug": "Bad Slug", "module": "no-such-module", "owner": "210000", "name": "x" } ] }"""));

        errors.Select(e => (e.StepIndex, e.Field)).ShouldBe(
        [
            (0, "authorities[1].code"),
            (1, "years[0].workdays[0].date"),
            (2, "programs[0].slug"),
            (2, "programs[0].module"),
        ]);
        errors[1].Message.ShouldBe("2024-01-03 不是周末，无需列为调休上班日");

        var run = Should.ThrowAsync<RecipeValidationException>(() =>
            OfflineRecipes.Runner().RunAsync(new RecipeSource("t", Recipe("""{ "step": "authorites" }"""))));
        (await run).Errors.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_parent_must_exist_and_be_of_the_level_above()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            $$"""{ "step": "authorities", "authorities": [ {{Province}}, { "code": "210102", "name": "和平区", "agency": "x", "level": "district", "parent": "210000" } ] }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("上级单位“210000”应为市级单位");
    }

    [Fact]
    public async Task Program_settings_are_checked_against_the_module()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            $$"""{ "step": "authorities", "authorities": [ {{Province}} ] }""",
            """{ "step": "programs", "programs": [ { "slug": "hvp", "module": "high-value-patent", "owner": "210000", "name": "x", "settings": { "acceptancePassScore": 120 } } ] }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("programs[0].settings.acceptancePassScore");
        error.Message.ShouldContain("验收合格分数线");
    }

    [Fact]
    public async Task Calendar_holidays_may_not_overlap_or_leave_their_year()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            """{ "step": "calendar", "years": [ { "year": 2024, "holidays": [ { "from": "2024-10-01", "to": "2024-10-07", "name": "国庆节" }, { "from": "2024-10-07", "to": "2024-10-08", "name": "重复" }, { "from": "2025-01-01", "to": "2025-01-01", "name": "元旦" } ], "workdays": [] } ] }"""));

        errors.Select(e => e.Field).ShouldBe(["years[0].holidays[1]", "years[0].holidays[2]"]);
    }

    [Fact]
    public async Task Module_recipes_can_be_limited_to_known_modules_only()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe("""{ "step": "module-recipes", "modules": [ "no-such-module" ] }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("模块“no-such-module”不存在");
    }

    [Fact]
    public async Task Included_module_recipes_see_what_earlier_steps_declare()
    {
        // The module's program names the province as owner and its notice uses the Notice type: both declared by the
        // steps before, so validating needs no database.
        var site = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Repository.Path("recipes/liaoning.recipe.json")))!;
        var contentTypes = site["steps"]!.AsArray().Single(s => (string?)s!["step"] == "content-types")!.ToJsonString();
        var errors = await OfflineRecipes.ValidateAsync(Recipe(
            $$"""{ "step": "authorities", "authorities": [ {{Province}} ] }""",
            contentTypes,
            """{ "step": "module-recipes", "modules": [ "brand-institution" ] }"""));

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_award_declaration_naming_a_missing_setting_or_another_module_s_form_is_refused_with_its_path()
    {
        var errors = await OfflineRecipes.ValidateAsync(Recipe("""
            { "step": "awards", "module": "high-value-patent", "award": {
                "title": "称号", "period": { "kind": "construction", "label": "建设期", "years": "setting:noSuchSetting" },
                "obligations": [ { "key": "report", "title": "报告", "form": "info-outlet.annual-summary", "workflow": "high-value-patent.x",
                                   "due": { "kind": "yearly" } } ] } }
            """));

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("award.period.years", "模块设置中没有“noSuchSetting”"),
            ("award.obligations[0].form", "表单须是本模块的（以“high-value-patent.”开头）"),
            ("award.obligations[0].due.month", "须写明每年截止的月份"),
        ]);
    }
}
