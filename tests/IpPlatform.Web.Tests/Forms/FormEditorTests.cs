using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Forms;

public sealed partial class FormEditorTests(WebFixture app)
{
    private const string Page = "/editor/forms/service-cluster.application";

    [GeneratedRegex("""<textarea[^>]*name="Definition"[^>]*>([^<]*)</textarea>""")]
    private static partial Regex DefinitionField();

    [GeneratedRegex("""name="BaseVersion" value="(\d+)" """)]
    private static partial Regex BaseVersionField();

    private static (JsonObject Definition, string BaseVersion) Opened(PageResponse page) =>
        (JsonNode.Parse(WebUtility.HtmlDecode(DefinitionField().Match(page.Html).Groups[1].Value))!.AsObject(),
         BaseVersionField().Match(page.Html).Groups[1].Value);

    private Task<int> LatestAsync() =>
        app.Database.ScalarAsync<int>("SELECT max(version) FROM form_versions WHERE key = 'service-cluster.application'");

    [Fact]
    public async Task A_province_editor_saves_a_new_version_restores_an_old_one_and_mistakes_keep_the_text()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        (await editor.GetAsync("/editor/forms")).Html.ShouldContain("service-cluster.application");
        var before = await LatestAsync();
        var (definition, baseVersion) = Opened(await editor.GetAsync(Page));

        definition["title"] = "知识产权服务业集聚发展区申报书（编辑测试）";
        (await editor.PostAsync(Page, [new("Definition", definition.ToJsonString()), new("BaseVersion", baseVersion)])).RedirectsTo(Page).ShouldBeTrue();
        (await LatestAsync()).ShouldBe(before + 1);
        (await editor.GetAsync(Page)).Html.ShouldContain($"已保存为第{before + 1}版");

        // A mistake is named and the typed text stays on the page; nothing is stored.
        var kind = (string)definition["sections"]![0]!["fields"]![0]!["kind"]!;
        definition["sections"]![0]!["fields"]![0]!["kind"] = "colour";
        var broken = await editor.PostAsync(Page, [new("Definition", definition.ToJsonString()), new("BaseVersion", (before + 1).ToString())]);
        broken.Status.ShouldBe(HttpStatusCode.OK);
        broken.Html.ShouldContain("不认识的属性或值的类型不正确");
        broken.Html.ShouldContain("colour");
        (await editor.PostAsync(Page, [new("Definition", "{ 不是 JSON"), new("BaseVersion", (before + 1).ToString())])).Html.ShouldContain("不是合法的 JSON");

        // Saving over a version saved by someone else after this one was opened is refused.
        definition["sections"]![0]!["fields"]![0]!["kind"] = kind;
        definition["title"] = "另一位编辑的修改";
        (await editor.PostAsync(Page, [new("Definition", definition.ToJsonString()), new("BaseVersion", before.ToString())])).Html.ShouldContain("已有人保存了");
        (await LatestAsync()).ShouldBe(before + 1);

        // Restoring the old version makes it the next version; the history says where it came from.
        (await editor.PostAsync(Page, [new("version", before.ToString())], Page + "?handler=Restore")).RedirectsTo(Page).ShouldBeTrue();
        (await LatestAsync()).ShouldBe(before + 2);
        (await app.Database.ScalarAsync<int>($"SELECT restored_from FROM form_versions WHERE key = 'service-cluster.application' AND version = {before + 2}")).ShouldBe(before);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'form.version-created' AND actor_name = 'editor.province@example.com'")).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_form_belongs_to_its_key_and_only_province_editors_change_forms()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var (definition, baseVersion) = Opened(await editor.GetAsync(Page));
        definition["key"] = "brand-institution.application";
        (await editor.PostAsync(Page, [new("Definition", definition.ToJsonString()), new("BaseVersion", baseVersion)])).Html.ShouldContain("定义的 key 应为");

        var city = await app.SignedInAsync("editor.shenyang@example.com");
        (await city.GetAsync(Page)).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await city.PostAsync("/editor/notices", [new("Definition", "{}"), new("BaseVersion", "1")], Page)).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await (await app.SignedInAsync("agency.admin@example.com")).GetAsync(Page)).Status.ShouldNotBe(HttpStatusCode.OK);
        (await editor.GetAsync("/editor/forms/no-such.form")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
