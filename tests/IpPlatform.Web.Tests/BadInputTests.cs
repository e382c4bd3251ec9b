using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests;

/// <summary>Nonsense, too much or nothing: each gets a clear answer, never a server error, and keeps what was typed.</summary>
public sealed class BadInputTests(WebFixture app)
{
    [Fact]
    public async Task A_hand_edited_reset_link_is_just_an_invalid_link()
    {
        var visitor = app.NewFormClient();
        var answer = await visitor.PostAsync("/account/reset-password?u=x&t=y",
            [new("Password", "Valid#2026pass"), new("ConfirmPassword", "Valid#2026pass")]);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Html.ShouldContain("链接无效");
    }

    [Fact]
    public async Task An_audit_page_far_past_the_end_shows_the_last_page()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");

        (await admin.GetAsync("/admin/audit?p=2147483647")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("[1, 2]", "定义应是一个 JSON 对象")]
    [InlineData("null", "定义应是一个 JSON 对象")]
    [InlineData("""{ "name": "Broken", "displayName": "坏", "fields": [null] }""", "类型定义或其字段不能为空")]
    public async Task A_content_type_definition_that_is_not_an_object_is_named_and_kept(string definition, string message)
    {
        var admin = await app.SignedInAsync("admin.province@example.com");

        var answer = await admin.PostAsync("/admin/content-types", [new("Definition", definition)]);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Html.ShouldContain(message);
        answer.Html.ShouldContain(definition[..4].Replace("\"", "&quot;"));
    }

    [Fact]
    public async Task A_posted_section_field_cannot_redirect_the_editor_to_an_unknown_section()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");

        var answer = await editor.PostAsync("/editor/notices", [new("Section", "nonsense"), new("Fields[title]", "")], "/editor/notices/Save");

        ((int)answer.Status).ShouldBeLessThan(500);
    }

    [Fact]
    public async Task A_round_title_too_long_for_the_database_is_refused_with_its_length_and_kept()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var title = new string('长', 300);

        var answer = await editor.PostAsync("/editor/programs/brand-institution",
            [new("Round.Key", "brand-institution-2099"), new("Round.Year", "2099"), new("Round.Title", title), new("Round.Closes", "2099-12-31T17:00")],
            "/editor/programs/brand-institution?handler=Round");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Html.ShouldContain("批次名称请控制在200字以内");
        answer.Html.ShouldContain(title);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("import")]
    public async Task A_program_cannot_take_an_address_the_editor_uses(string slug)
    {
        var editor = await app.SignedInAsync("editor.shenyang@example.com");

        var answer = await editor.PostAsync("/editor/programs/new?Module=service-cluster",
            [new("Module", "service-cluster"), new("Owner", "210100"), new("Slug", slug), new("Name", "沈阳市集聚区")]);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Html.ShouldContain($"网址名“{slug}”是系统保留的");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM programs WHERE slug = '{slug}'")).ShouldBe(0);
    }
}
