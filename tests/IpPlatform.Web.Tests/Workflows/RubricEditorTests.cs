using System.Net;

namespace IpPlatform.Web.Tests.Workflows;

public sealed class RubricEditorTests(WebFixture app)
{
    private const string Brand = """
        { "key": "brand-institution.expert", "title": "品牌服务机构评审要点", "items": [
          { "key": "capacity", "label": "服务能力", "max": 40 }, { "key": "performance", "label": "服务业绩", "max": 60 } ] }
        """;

    [Fact]
    public async Task A_province_editor_defines_a_rubric_for_another_program_checked_like_a_recipe_and_never_overwriting_a_newer_save()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        (await editor.GetAsync("/editor/rubrics")).Html.ShouldContain("附件3 辽宁省高价值专利培育中心认定要点");

        var bad = await editor.PostAsync("/editor/rubrics", [new("Definition", Brand.Replace("\"max\": 40", "\"max\": 0"))]);
        bad.Status.ShouldBe(HttpStatusCode.OK);
        bad.Html.ShouldContain("分值在 0.1–1000 之间");
        bad.Html.ShouldContain("服务业绩");

        (await editor.PostAsync("/editor/rubrics", [new("Definition", Brand)])).RedirectsTo("/editor/rubrics/brand-institution.expert").ShouldBeTrue();
        (await editor.GetAsync("/editor/rubrics/brand-institution.expert")).Html.ShouldContain("满分 100");
        (await editor.PostAsync("/editor/rubrics", [new("Definition", Brand)])).Html.ShouldContain("已存在，请打开后修改");

        // Two editors open it; the second save is refused with the typed text kept.
        var page = (await editor.GetAsync("/editor/rubrics/brand-institution.expert")).Html;
        var basedOn = System.Text.RegularExpressions.Regex.Match(page, "name=\"BasedOn\" value=\"(\\d+)\"").Groups[1].Value;
        var changed = Brand.Replace("服务能力", "服务能力与团队");
        (await editor.PostAsync("/editor/rubrics/brand-institution.expert", [new("Definition", changed), new("BasedOn", basedOn)])).RedirectsTo("/editor/rubrics/brand-institution.expert").ShouldBeTrue();
        var stale = await editor.PostAsync("/editor/rubrics/brand-institution.expert", [new("Definition", Brand.Replace("服务能力", "另一改法")), new("BasedOn", basedOn)]);
        stale.Html.ShouldContain("已被他人修改");
        stale.Html.ShouldContain("另一改法");
        (await app.Database.ScalarAsync<string>("SELECT definition->'items'->0->>'label' FROM rubrics WHERE key = 'brand-institution.expert'")).ShouldBe("服务能力与团队");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'rubric.saved'")).ShouldBe(2);

        (await (await app.SignedInAsync("editor.shenyang@example.com")).GetAsync("/editor/rubrics")).Status.ShouldNotBe(HttpStatusCode.OK);
    }
}
