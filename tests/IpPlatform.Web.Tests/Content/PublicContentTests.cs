using System.Net;

namespace IpPlatform.Web.Tests.Content;

public sealed class PublicContentTests(WebFixture app)
{
    private readonly Testing.FormClient _client = app.NewFormClient();

    private Task<Guid> SeedNoticeAsync(string program) =>
        app.Database.ScalarAsync<Guid>($"SELECT id FROM content_items WHERE recipe_key = 'notice:{program}:seed'");

    [Fact]
    public async Task Every_seed_document_is_published_as_a_notice()
    {
        // Each program's list of notices (other tests publish results and revocations of their own, dated today, above them).
        foreach (var (program, title) in new[]
                 {
                     ("brand-institution", "辽宁省知识产权局关于组织开展2024年知识产权服务品牌机构培育工作的通知"), ("service-cluster", "辽宁省知识产权服务业高质量集聚发展区工作实施办法(试行)"),
                     ("shenyang-info-outlet", "沈阳市知识产权信息公共服务网点建设管理办法"), ("operation-platform", "知识产权运营平台服务支撑能力提升项目申报指南"),
                     ("high-value-patent", "2024年度辽宁省高价值专利培育中心申报指南"),
                 })
        {
            (await _client.GetAsync($"/notices?Program={program}")).Html.ShouldContain(title);
        }
    }

    [Fact]
    public async Task A_seed_notice_keeps_its_full_text_as_written_with_annexes_and_contact()
    {
        var page = await _client.GetAsync($"/notices/{await SeedNoticeAsync("brand-institution")}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("请于2023年4月30日前将《知识产权服务品牌机构培育单位申请书》");
        page.Html.ShouldContain("附件2 知识产权服务品牌机构培育单位申请书");
        page.Html.ShouldContain("王宏飞");
        page.Html.ShouldContain("2024年3月21日");
    }

    [Theory]
    [InlineData("?Program=high-value-patent", "2024年度辽宁省高价值专利培育中心申报指南", "沈阳市知识产权信息公共服务网点建设管理办法")]
    [InlineData("?Authority=210100", "沈阳市知识产权信息公共服务网点建设管理办法", "2024年度辽宁省高价值专利培育中心申报指南")]
    [InlineData("?Year=2023", "知识产权运营平台服务支撑能力提升项目申报指南", "2024年度辽宁省高价值专利培育中心申报指南")]
    public async Task Notices_filter_by_program_authority_and_year(string query, string shown, string hidden)
    {
        var page = await _client.GetAsync("/notices" + query);

        page.Html.ShouldContain(shown);
        page.Html.ShouldNotContain(hidden);
    }

    [Fact]
    public async Task Seed_rounds_are_closed_historical_rounds_with_the_seeds_dates()
    {
        (await app.Database.ScalarAsync<DateTime>("SELECT closes_at FROM rounds WHERE key = 'brand-institution-2024'"))
            .ShouldBe(new DateTime(2024, 4, 30, 16, 0, 0, DateTimeKind.Utc));
        var page = await _client.GetAsync("/programs/operation-platform");

        page.Html.ShouldContain("2023年知识产权运营平台服务支撑能力提升项目");
        page.Html.ShouldContain("已截止");
        page.Html.ShouldContain("阶段核查：2024年1月5日前；综合评估：2024年6月30日前");
    }

    [Fact]
    public async Task The_home_page_shows_the_open_demo_rounds_with_days_left()
    {
        var home = await _client.GetAsync("/");

        home.Html.ShouldContain("2026年度辽宁省高价值专利培育中心（演示批次）");
        home.Html.ShouldContain("剩余 <strong>");
    }

    [Fact]
    public async Task Cached_public_pages_never_mix_a_signed_in_visitors_page_with_anonymous_ones()
    {
        var anonymousBefore = await _client.Http.GetAsync("/notices?Year=2024");
        anonymousBefore.Headers.CacheControl!.Public.ShouldBeTrue();
        // Answered from the output cache, which runs before sign-in is read (VisitorsOnlyCachePolicy).
        (await app.NewFormClient().Http.GetAsync("/notices?Year=2024")).Headers.Age.ShouldNotBeNull();

        var signedIn = await app.SignedInAsync("materials.admin@example.com");
        var personal = await signedIn.Http.GetAsync("/notices?Year=2024");
        var personalHtml = await personal.Content.ReadAsStringAsync();
        personalHtml.ShouldContain("周管理");
        (personal.Headers.CacheControl!.Private || personal.Headers.CacheControl.NoStore).ShouldBeTrue();
        personal.Headers.Age.ShouldBeNull();

        var anonymousAfter = await (await app.NewFormClient().Http.GetAsync("/notices?Year=2024")).Content.ReadAsStringAsync();
        anonymousAfter.ShouldNotContain("周管理");
        anonymousAfter.ShouldNotContain("__RequestVerificationToken");
    }

    [Fact]
    public async Task An_unpublished_or_unknown_notice_is_not_found()
    {
        (await _client.GetAsync($"/notices/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
