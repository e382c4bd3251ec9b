using System.Net;
using System.Net.Http.Json;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests;

public sealed class ProgramsTests(WebFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string, string> Programs => new()
    {
        { "知识产权服务品牌机构培育", "辽宁省知识产权局" },
        { "知识产权服务业高质量集聚发展区", "辽宁省知识产权局" },
        { "知识产权运营平台服务支撑能力提升项目", "辽宁省知识产权局" },
        { "辽宁省高价值专利培育中心", "辽宁省知识产权局" },
        { "沈阳市知识产权信息公共服务网点备案", "沈阳市知识产权局" },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task The_programs_page_lists_each_program_with_its_owner(string name, string owner)
    {
        var html = await _client.GetStringAsync("/programs");

        var row = html[html.IndexOf($">{name}</a></th>", StringComparison.Ordinal)..];
        row[..row.IndexOf("</tr>", StringComparison.Ordinal)].ShouldContain($">{owner}</td>");
    }

    [Fact]
    public async Task The_home_page_shows_the_programs()
    {
        var response = await _client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("辽宁省高价值专利培育中心");
        html.ShouldContain("跳到主要内容");
    }

    [Fact]
    public async Task The_programs_api_lists_the_five_programs()
    {
        var programs = (await _client.GetFromJsonAsync<List<ProgramJson>>("/api/programs"))!;

        // Other tests add city programs to this database; the five default programs are always there.
        new[] { "brand-institution", "high-value-patent", "shenyang-info-outlet", "operation-platform", "service-cluster" }
            .ShouldBeSubsetOf(programs.Select(p => p.Slug));
        programs.Single(p => p.Slug == "shenyang-info-outlet").OwnerCode.ShouldBe("210100");
    }

    [Fact]
    public async Task A_program_changed_by_recipe_shows_at_once_without_a_restart()
    {
        await _client.GetStringAsync("/programs");
        var rename = new RecipeSource("rename.recipe.json", """
            { "name": "rename", "steps": [ { "step": "programs", "programs": [
              { "slug": "city-copy-test", "module": "service-cluster", "owner": "210100", "name": "沈阳市知识产权服务业集聚发展区（测试）" } ] } ] }
            """);

        (await app.RunRecipeAsync(rename)).Changes.ShouldBe(1);

        (await _client.GetStringAsync("/programs")).ShouldContain("沈阳市知识产权服务业集聚发展区（测试）");
        await app.Database.ScalarAsync<int>("DELETE FROM programs WHERE slug = 'city-copy-test'");
        app.Services.GetRequiredService<ProgramDirectory>().Invalidate();
    }

    private sealed record ProgramJson(string Slug, string Name, string Module, string OwnerCode, string OwnerAgency);
}
