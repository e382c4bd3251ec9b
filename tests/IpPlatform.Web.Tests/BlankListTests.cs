using System.Text.RegularExpressions;
using IpPlatform.Kernel.Search;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests;

/// <summary>
/// Lists that were blank (a table body without a row, a list without an item) only in some state of the data — which the
/// walk of <see cref="FormTargetsTests"/> met only when another test had made that state before it. Each test makes the
/// state and reads the page as the person who reaches it: the list says what to do instead.
/// </summary>
public sealed partial class BlankListTests(WebFixture app)
{
    [GeneratedRegex(@"class=""page-link""")]
    private static partial Regex PageLink();

    private static void ShouldHaveNoBlankList(PageResponse page, string who, string url)
    {
        page.Status.ShouldBe(System.Net.HttpStatusCode.OK, $"{who} reaches {url}");
        PageOutline.Read(page.Html).BlankLists.ShouldBeEmpty($"{who}: {url} renders no blank table or list");
    }

    /// <summary>
    /// The city's 培育工作方案 (a form the authority fills, without attachments): the reviewers' copy, the institution's
    /// own page of it and its printed copy list no empty attachments and no empty table of contents.
    /// </summary>
    [Fact]
    public async Task A_report_the_city_files_without_attachments_shows_no_blank_list_to_reviewers_or_the_institution()
    {
        var (institution, _, award, _) = await Lifecycle.Cultivated000Async(app);
        var plan = await Lifecycle.FilingAsync(app, award, "cultivation-plan");
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var province = await app.SignedInAsync(Chains.Province);

        var due = await shenyang.GetAsync($"/review/{plan}");
        ShouldHaveNoBlankList(due, "沈阳市审核员（待报送）", $"/review/{plan}");
        due.Html.ShouldContain("本表不设附件材料，无需上传。");
        var own = await institution.GetAsync($"/applications/{plan}");
        ShouldHaveNoBlankList(own, "培育机构", $"/applications/{plan}");
        own.Html.ShouldContain("本事项没有需要本单位填写或上传的内容，无需操作。");
        ShouldHaveNoBlankList(await institution.GetAsync($"/applications/{plan}/print"), "培育机构", $"/applications/{plan}/print");

        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, plan, "file",
        [
            ("a.plan.overview", "结合本市知识产权服务业发展规划，支持培育机构拓展服务领域"), ("a.plan.measures.rows", "1"),
            ("a.plan.measures.0.content", "优先推荐政府采购相关知识产权服务"), ("a.plan.measures.0.measure", "纳入市级服务机构推荐目录"), ("a.plan.measures.0.schedule", "2027年上半年"),
            ("a.plan.contact", "王五"), ("a.plan.phone", "024-22222222"),
        ]), plan);
        ShouldHaveNoBlankList(await province.GetAsync($"/review/{plan}"), "省级审核员（已报送）", $"/review/{plan}");
        ShouldHaveNoBlankList(await province.GetAsync($"/review/awards/{award}"), "省级审核员", $"/review/awards/{award}");
    }

    /// <summary>A year whose holidays are not entered yet (as the calendar's own year is on the first day of a new year).</summary>
    [Fact]
    public async Task A_year_not_yet_in_the_calendar_says_to_enter_its_holidays()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        var url = $"/admin/calendar?year={DateTime.UtcNow.Year + 6}";
        var page = await admin.GetAsync(url);
        ShouldHaveNoBlankList(page, "省级管理员", url);
        page.Html.ShouldContain("年尚未维护节假日与调休");
    }

    /// <summary>An old link to a page of results past the last (the results have fewer pages now) points back to the first.</summary>
    [Fact]
    public async Task A_page_of_search_results_past_the_last_points_back_to_the_first()
    {
        await app.Services.GetRequiredService<PublicSearch>().CatchUpAsync();
        var visitor = app.NewFormClient();
        var first = await visitor.GetAsync("/search?q=" + Uri.EscapeDataString("品牌机构"));
        first.Html.ShouldContain("search-total");
        var pages = Math.Max(1, PageLink().Count(first.Html));
        pages.ShouldBeLessThan(SearchIndex.MaxPages, "a page past the last can be asked for");
        var url = $"/search?q={Uri.EscapeDataString("品牌机构")}&p={pages + 1}";
        var past = await visitor.GetAsync(url);
        ShouldHaveNoBlankList(past, "访客", url);
        past.Html.ShouldContain("返回第 1 页");

        var (_, id, _) = await Chains.Submitted004Async(app);
        var code = await app.Database.ScalarAsync<string>($"SELECT o.credit_code FROM organisations o JOIN workflow_instances i ON i.organisation_id = o.id WHERE i.subject_id = '{id}'");
        await app.Services.GetRequiredService<StaffSearch>().CatchUpAsync();
        var province = await app.SignedInAsync(Chains.Province);
        (await province.GetAsync("/review/search?q=" + code)).Html.ShouldContain($"/review/{id}");
        var staffUrl = $"/review/search?q={code}&p=2";
        var staffPast = await province.GetAsync(staffUrl);
        ShouldHaveNoBlankList(staffPast, "省级审核员", staffUrl);
        staffPast.Html.ShouldContain("返回第 1 页");
    }

    [GeneratedRegex(@"<a class=""page-link"" href=""(\?p=\d+)"">下一页</a>")]
    private static partial Regex NextPage();

    /// <summary>
    /// The editor's list of notices, fifty a page: 下一页 leads page by page to the last and is not offered there (it used
    /// to be, and led to the last page again); an old link past the last page shows the last.
    /// </summary>
    [Fact]
    public async Task The_editors_list_offers_a_next_page_only_while_there_is_one()
    {
        var editor = await app.SignedInAsync("editor.dalian@example.com");
        for (var n = 0; n < IpPlatform.Web.Pages.Editor.Notices.IndexModel.PageSize + 1; n++)
        {
            var saved = await editor.SubmitAsync("/editor/notices/new", "保存草稿",
                [new("Fields[title]", $"关于分页第{n:00}条的通知"), new("Fields[issuer]", "大连市知识产权局"), new("Fields[year]", "2026"), new("Fields[body]", "分页。")]);
            saved.Status.ShouldBe(System.Net.HttpStatusCode.Redirect, Chains.Problems(saved.Html));
        }

        var (url, pages) = ("/editor/notices", 0);
        PageResponse page;
        while (true)
        {
            page = await editor.GetAsync(url);
            ShouldHaveNoBlankList(page, "大连市编辑", url);
            pages++;
            pages.ShouldBeLessThan(100, "下一页 should end at the last page");
            if (NextPage().Match(page.Html) is not { Success: true } next)
            {
                break;
            }

            url = "/editor/notices" + next.Groups[1].Value;
        }

        pages.ShouldBeGreaterThanOrEqualTo(2);
        page.Html.ShouldContain($"第 {pages} 页，共 {pages} 页");
        var beyond = await editor.GetAsync($"/editor/notices?p={pages + 1}");   // an old link, after items were removed
        ShouldHaveNoBlankList(beyond, "大连市编辑", "the page after the last");
        beyond.Html.ShouldContain($"第 {pages} 页，共 {pages} 页");
        NextPage().IsMatch(beyond.Html).ShouldBeFalse();
    }
}
