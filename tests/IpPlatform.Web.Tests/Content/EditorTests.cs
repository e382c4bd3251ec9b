using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Content;

public sealed partial class EditorTests(WebFixture app)
{
    [GeneratedRegex("/editor/notices/([0-9a-f-]{36})")]
    private static partial Regex ItemLink();

    private static IEnumerable<KeyValuePair<string, string>> Notice(string title, string body, string basedOn = "0") =>
    [
        new("Owner", "210000"), new("BasedOn", basedOn), new("Fields[title]", title), new("Fields[issuer]", "辽宁省知识产权局"),
        new("Fields[year]", "2026"), new("Fields[program]", "high-value-patent"), new("Fields[body]", body),
        new("Fields[annexes]", "附件1 测试附件\n附件2 另一个附件"),
    ];

    private static Guid IdOf(PageResponse response) => Guid.Parse(ItemLink().Match(response.Location!).Groups[1].Value);

    [Fact]
    public async Task A_draft_is_private_until_published_and_later_drafts_do_not_change_the_public_page()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var created = await editor.PostAsync("/editor/notices/new", Notice("关于测试版本规则的通知", "第一版正文。"), "/editor/notices/new/Save");
        var id = IdOf(created);
        var visitor = app.NewFormClient();

        (await visitor.GetAsync($"/notices/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await editor.PostAsync($"/editor/notices/{id}", Notice("关于测试版本规则的通知", "第一版正文。", "1"), $"/editor/notices/{id}/Publish"))
            .RedirectsTo($"/editor/notices/{id}").ShouldBeTrue();
        (await visitor.GetAsync($"/notices/{id}")).Html.ShouldContain("第一版正文。");

        await editor.PostAsync($"/editor/notices/{id}", Notice("关于测试版本规则的通知（修订）", "第二版正文。", "1"), $"/editor/notices/{id}/Save");
        var publicPage = await visitor.GetAsync($"/notices/{id}");
        publicPage.Html.ShouldContain("第一版正文。");
        publicPage.Html.ShouldNotContain("第二版正文。");

        var preview = await editor.GetAsync($"/editor/notices/{id}/preview");
        preview.Html.ShouldContain("第二版正文。");
        preview.Html.ShouldContain("公众尚看不到");

        var diff = await editor.GetAsync($"/editor/notices/{id}/history?a=1&b=2");
        diff.Html.ShouldMatch("diff-removed\">- 第一版正文。");
        diff.Html.ShouldMatch("diff-added\">(\\+|&#x2B;) 第二版正文。");

        (await editor.PostAsync($"/editor/notices/{id}/history", [new("version", "1")], $"/editor/notices/{id}/history/Restore"))
            .RedirectsTo($"/editor/notices/{id}").ShouldBeTrue();
        (await app.Database.ScalarAsync<int>($"SELECT latest_version FROM content_items WHERE id = '{id}'")).ShouldBe(3);
        (await app.Database.ScalarAsync<string>($"SELECT body->>'body' FROM content_versions WHERE item_id = '{id}' AND number = 3")).ShouldBe("第一版正文。");
        (await app.Database.ScalarAsync<int>($"SELECT published_version FROM content_items WHERE id = '{id}'")).ShouldBe(1);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE object_id = '{id}' AND actor_name = 'editor.province@example.com'")).ShouldBe(4);
    }

    [Fact]
    public async Task A_save_on_top_of_someone_elses_newer_version_is_refused_and_nothing_is_lost()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var id = IdOf(await editor.PostAsync("/editor/notices/new", Notice("并发编辑测试", "原文"), "/editor/notices/new/Save"));
        await editor.PostAsync($"/editor/notices/{id}", Notice("并发编辑测试", "甲的修改", "1"), $"/editor/notices/{id}/Save");

        var stale = await editor.PostAsync($"/editor/notices/{id}", Notice("并发编辑测试", "乙的修改", "1"), $"/editor/notices/{id}/Save");

        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Html.ShouldContain("他人已在您打开后保存了第2版");
        stale.Html.ShouldContain("乙的修改");
    }

    [Fact]
    public async Task Markdown_is_rendered_without_raw_html_or_script_links()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var body = "## 标题\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [官网](https://cnipa.gov.cn)";
        var id = IdOf(await editor.PostAsync("/editor/notices/new", Notice("安全渲染测试", body), "/editor/notices/new/Publish"));

        var html = (await app.NewFormClient().GetAsync($"/notices/{id}")).Html;

        html.ShouldContain("<h2>标题</h2>");
        html.ShouldNotContain("<script>alert");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain("<img src=\"x\"");
        html.ShouldNotContain("javascript:");
        html.ShouldContain("href=\"https://cnipa.gov.cn\" rel=\"noopener noreferrer nofollow\"");
    }

    [Fact]
    public async Task Missing_required_fields_are_named_and_the_text_is_kept()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");

        var response = await editor.PostAsync("/editor/notices/new",
            [new("Owner", "210000"), new("Fields[title]", ""), new("Fields[issuer]", ""), new("Fields[body]", "保留我写的正文")], "/editor/notices/new/Save");

        response.Html.ShouldContain("请填写标题");
        response.Html.ShouldContain("请填写发文单位");
        response.Html.ShouldContain("保留我写的正文");
    }

    [Fact]
    public async Task A_shenyang_editor_is_refused_a_provincial_notice()
    {
        var provincial = await app.Database.ScalarAsync<Guid>("SELECT id FROM content_items WHERE recipe_key = 'notice:high-value-patent:seed'");
        var shenyang = await app.SignedInAsync("editor.shenyang@example.com");

        var edit = await shenyang.GetAsync($"/editor/notices/{provincial}");
        edit.RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await shenyang.GetAsync(edit.Location!)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await shenyang.PostAsync("/editor/notices", [], $"/editor/notices/{provincial}/Unpublish")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await shenyang.GetAsync("/editor/notices")).Html.ShouldNotContain("2024年度辽宁省高价值专利培育中心申报指南");
        (await shenyang.GetAsync("/editor/notices")).Html.ShouldContain("沈阳市知识产权信息公共服务网点建设管理办法");
        (await app.Database.ScalarAsync<int?>($"SELECT published_version FROM content_items WHERE id = '{provincial}'")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Other_staff_and_applicants_have_no_editor()
    {
        (await (await app.SignedInAsync("reviewer.province@example.com")).GetAsync("/editor/notices")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await (await app.SignedInAsync("materials.admin@example.com")).GetAsync("/editor/notices")).RedirectsTo("/account/access-denied").ShouldBeTrue();
    }
}
