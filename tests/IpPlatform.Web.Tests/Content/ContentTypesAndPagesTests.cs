using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Content;

public sealed partial class ContentTypesAndPagesTests(WebFixture app)
{
    [GeneratedRegex("/editor/(?:notices|pages)/([0-9a-f-]{36})")]
    private static partial Regex ItemLink();

    [Fact]
    public async Task A_province_administrator_defines_a_content_type_and_mistakes_are_named()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        const string guide = """{ "name": "Guide", "displayName": "办事指南", "fields": [ { "name": "title", "label": "标题", "kind": "text", "required": true }, { "name": "body", "label": "正文", "kind": "markdown" } ] }""";

        (await admin.PostAsync("/admin/content-types", [new("Definition", guide)])).RedirectsTo("/admin/content-types").ShouldBeTrue();
        (await app.Database.ScalarAsync<string>("SELECT display_name FROM content_types WHERE name = 'Guide'")).ShouldBe("办事指南");

        var noTitle = await admin.PostAsync("/admin/content-types", [new("Definition", """{ "name": "Broken", "displayName": "坏", "fields": [] }""")]);
        noTitle.Html.ShouldContain("每种内容都须有 title 字段");
        var badJson = await admin.PostAsync("/admin/content-types", [new("Definition", "{ name: ")]);
        badJson.Html.ShouldContain("不是合法的 JSON");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM content_types WHERE name = 'Broken'")).ShouldBe(0);

        (await (await app.SignedInAsync("admin.shenyang@example.com")).GetAsync("/admin/content-types")).RedirectsTo("/account/access-denied").ShouldBeTrue();
    }

    [Fact]
    public async Task Editors_publish_pages_as_well_as_notices()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var created = await editor.PostAsync("/editor/pages/new",
            [new("Owner", "210000"), new("BasedOn", "0"), new("Fields[title]", "网上申报操作说明"), new("Fields[body]", "## 第一步\n\n注册单位。")],
            "/editor/pages/new/Publish");
        var id = ItemLink().Match(created.Location!).Groups[1].Value;

        var page = await app.NewFormClient().GetAsync($"/pages/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("<h2>第一步</h2>");
        (await editor.GetAsync("/editor/pages")).Html.ShouldContain("网上申报操作说明");
        (await editor.GetAsync("/editor/notices")).Html.ShouldNotContain("网上申报操作说明");
        (await app.NewFormClient().GetAsync($"/notices/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_annex_file_is_checked_by_content_and_downloads_once_published()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var id = ItemLink().Match((await editor.PostAsync("/editor/notices/new",
        [
            new("Owner", "210000"), new("BasedOn", "0"), new("Fields[title]", "附件下载测试"), new("Fields[issuer]", "辽宁省知识产权局"),
            new("Fields[body]", "正文"), new("Fields[annexes]", "附件1 说明"),
        ], "/editor/notices/new/Save")).Location!).Groups[1].Value;

        var spoofed = await editor.PostMultipartAsync($"/editor/notices/{id}/Attach", [new("annexTitle", "附件2 假PDF")], [("annexFile", "fake.pdf", TestData.NotReallyPdf)]);
        spoofed.Html.ShouldContain("文件内容不是允许的类型");

        var attached = await editor.PostMultipartAsync($"/editor/notices/{id}/Attach", [new("annexTitle", "附件2 申报书模板")], [("annexFile", "模板.pdf", TestData.Pdf)]);
        attached.RedirectsTo($"/editor/notices/{id}").ShouldBeTrue();

        // Saving the form again (annex titles as text) keeps the file on its annex.
        await editor.PostAsync($"/editor/notices/{id}",
        [
            new("BasedOn", "2"), new("Fields[title]", "附件下载测试"), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[body]", "正文（修订）"),
            new("Fields[annexes]", "附件1 说明\n附件2 申报书模板"),
        ], $"/editor/notices/{id}/Publish");

        var visitor = app.NewFormClient();
        var page = await visitor.GetAsync($"/notices/{id}");
        page.Html.ShouldContain($"<a href=\"/notices/{id}/annexes/1\" download>附件2 申报书模板</a>");
        page.Html.ShouldNotContain($"/notices/{id}/annexes/0");
        var download = await visitor.Http.GetAsync($"/notices/{id}/annexes/1");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(TestData.Pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await visitor.GetAsync($"/notices/{id}/annexes/0")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync($"/notices/{id}/annexes/7")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
