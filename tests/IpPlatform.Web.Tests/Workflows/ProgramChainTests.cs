using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Workflows;

/// <summary>The chains of seeds 000–003, each from its first review to its end, with the forbidden moves refused.</summary>
public sealed class ProgramChainTests(WebFixture app)
{
    private static async Task Ok(Task<PageResponse> acting, Guid id)
    {
        var response = await acting;
        response.RedirectsTo($"/review/{id}").ShouldBeTrue(Chains.Problems(response.Html));
    }

    private async Task<DateOnly> WorkingDaysFromTodayAsync(int days)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetAsync();
        return calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), days);
    }

    [Fact]
    public async Task Brand_institution_the_city_recommends_with_section_eight_then_province_review_experts_and_publicity()
    {
        var (_, organisation, email) = await Chains.OrganisationAsync(app);
        var id = await Chains.SubmittedDirectlyAsync(app, "brand-institution-2026-demo", organisation);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        var page = (await shenyang.GetAsync($"/review/{id}")).Html;
        page.ShouldContain("八、推荐意见");
        var empty = await Chains.ActAsync(shenyang, id, "recommend");
        empty.Html.ShouldContain("推荐意见");
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");

        await Ok(Chains.ActAsync(shenyang, id, "recommend", [("a.recommendation.opinion", "该机构服务能力突出，同意推荐。"), ("a.recommendation.recommendationDate", Chains.Today)]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'recommendation'->>'opinion' FROM applications WHERE id = '{id}'")).ShouldBe("该机构服务能力突出，同意推荐。");
        (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/review/{id}")).Html.ShouldContain("该机构服务能力突出，同意推荐。");

        // The notice's procedure: 省局组织专家评审, then 网站公示, then the list of 培育机构.
        var province = await app.SignedInAsync(Chains.Province);
        await Ok(Chains.ActAsync(province, id, "forward", [("opinion", "审核通过")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("expertReview");
        app.MailTo(email, "已通过省知识产权局审核，进入专家评审").ShouldNotBeEmpty();
        (await province.GetAsync($"/review/{id}")).Html.ShouldContain("随机分配", customMessage: "the rubric is attached: experts can be assigned");

        await Ok(Chains.ActAsync(province, id, "select", [("opinion", "经专家评审，拟确定为培育机构")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("selected");
        const string round = "brand-institution-2026-demo";
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);
        var created = await province.PostAsync($"/review/publicity?round={round}",
            [new("Applications", id.ToString()), new("Title", "2026年度知识产权服务品牌培育机构拟确定名单公示"), new("StartDate", start.ToString("yyyy-MM-dd")), new("WorkingDays", "5")],
            $"/review/publicity?handler=Create&round={round}");
        created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("publicity");
        app.MailTo(email, "拟确定为培育机构，现在省局网站").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Service_cluster_needs_a_recommendation_letter_then_assessment_party_review_publicity_and_a_document()
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app);
        var id = await Chains.SubmittedDirectlyAsync(app, "service-cluster-2026-demo", organisation);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var province = await app.SignedInAsync(Chains.Province);
        (string, string)[] review = [("a.cityReview.opinion", "同意推荐"), ("a.cityReview.date", Chains.Today)];

        (await Chains.ActAsync(shenyang, id, "recommend", review)).Html.ShouldContain("请上传“推荐函”");
        (await Chains.ActAsync(shenyang, id, "recommend", review, [("recommend.letter", "推荐函.pdf", TestData.NotReallyPdf)])).Html.ShouldContain("“推荐函”：");
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        await Ok(Chains.ActAsync(shenyang, id, "recommend", review, [("recommend.letter", "推荐函.pdf", TestData.Pdf)]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("assessment");

        // The letter is in the history and opens for reviewers in scope only.
        var detail = (await province.GetAsync($"/review/{id}")).Html;
        var link = System.Text.RegularExpressions.Regex.Match(detail, $"/review/{id}/input-file\\?file=[0-9a-f-]+").Value;
        (await province.Http.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.SignedInAsync(Chains.Dalian)).Http.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await Ok(Chains.ActAsync(province, id, "recordDefence", [("notes", "答辩顺利，内部评价较高")]), id);
        await Ok(Chains.ActAsync(province, id, "recordSiteVisit", [("notes", "实地考察属实")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("assessment");
        await Ok(Chains.ActAsync(province, id, "assess", [("opinion", "书面审查通过")]), id);
        (await Chains.ActAsync(shenyang, id, "recommend", review)).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("partyReview");

        await Ok(Chains.ActAsync(province, id, "approve", [("opinion", "党组会审议通过")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("toPublicize");
        var publicity = await PublicizeAsync(province, "service-cluster-2026-demo", id, "辽宁省知识产权服务业集聚区拟设立名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("publicity");
        (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM public_notices WHERE id = '{publicity}'")).ShouldBe((await WorkingDaysFromTodayAsync(5)).ToString("yyyy-MM-dd"));
        app.MailTo(email, "现予公示").ShouldNotBeEmpty();
        await EndAsync(publicity);
        (await Chains.StateAsync(app, id)).ShouldBe("awaitingDocument");
        await Ok(Chains.ActAsync(province, id, "establish", [("decisionDate", Chains.Today), ("documentNumber", "辽知发〔2026〕12号")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("established");
        app.MailTo(email, "辽知发〔2026〕12号").ShouldNotBeEmpty();

        // Notes between authorities stay with the authorities; decisions are shown to the applicant.
        (await province.GetAsync($"/review/{id}")).Html.ShouldContain("答辩顺利，内部评价较高");
        var applicantView = (await applicant.GetAsync($"/applications/{id}")).Html;
        applicantView.ShouldNotContain("答辩顺利，内部评价较高");
        applicantView.ShouldContain("辽知发〔2026〕12号");
    }

    [Fact]
    public async Task Shenyang_info_outlet_goes_district_then_city_then_publicity_then_three_years_of_filing()
    {
        var (_, organisation, email) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var id = await Chains.SubmittedDirectlyAsync(app, "shenyang-info-outlet-2026-demo", organisation);
        var heping = await app.SignedInAsync(Chains.Heping);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        (await shenyang.GetAsync($"/review/{id}")).Html.ShouldContain("您在当前状态下没有可执行的操作");
        await Ok(Chains.ActAsync(heping, id, "recommend", [("a.recommendation.opinion", "资源充足，同意推荐"), ("a.recommendation.head", "张三"), ("a.recommendation.date", Chains.Today)]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        (await heping.GetAsync($"/review/{id}")).Html.ShouldContain("您在当前状态下没有可执行的操作");

        await Ok(Chains.ActAsync(shenyang, id, "approve",
            [("a.filing.decision", "准予备案"), ("a.filing.handler", "李四"), ("a.filing.head", "王五"), ("a.filing.date", Chains.Today)]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("toPublicize");

        // Shenyang runs this program, so Shenyang (not the province) publicises the outlets.
        (await (await app.SignedInAsync(Chains.Province)).GetAsync("/review/publicity?round=shenyang-info-outlet-2026-demo")).Html.ShouldNotContain($"app-{id}");
        var publicity = await PublicizeAsync(shenyang, "shenyang-info-outlet-2026-demo", id, "沈阳市知识产权信息公共服务网点拟备案名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("publicity");
        await EndAsync(publicity);

        (await Chains.StateAsync(app, id)).ShouldBe("filed");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE application_id = '{id}'"))
            .ShouldBe(today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"), "备案 valid three years (ValidityYears)");
        app.MailTo(email, "备案有效期").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task National_and_provincial_outlets_are_included_by_the_city_without_applying()
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var code = await app.Database.ScalarAsync<string>($"SELECT credit_code FROM organisations WHERE id = '{organisation}'");
        const string queue = "/review?program=shenyang-info-outlet";
        KeyValuePair<string, string>[] Fields(string creditCode) =>
        [
            new("action", "include"), new("include.creditCode", creditCode), new("include.level", "国家知识产权信息公共服务网点"),
            new("include.basis", "国家知识产权局公告第123号"),
        ];

        // Another city's reviewer is refused; an unregistered code is named; what was typed stays.
        var dalian = await (await app.SignedInAsync(Chains.Dalian)).PostAsync(queue, Fields(code!), "/review?handler=Include&program=shenyang-info-outlet");
        dalian.Html.ShouldContain("没有在该申报上执行");
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await shenyang.GetAsync(queue)).Html.ShouldContain("直接纳入国家级、省级网点（无需申报备案）");
        var unregistered = TestData.NewCreditCode();
        var unknown = await shenyang.PostAsync(queue, Fields(unregistered), "/review?handler=Include&program=shenyang-info-outlet");
        unknown.Html.ShouldContain($"平台上没有统一社会信用代码为“{unregistered}”的单位");
        unknown.Html.ShouldContain("国家知识产权局公告第123号");

        var included = await shenyang.PostAsync(queue, Fields(code!.ToLowerInvariant()), "/review?handler=Include&program=shenyang-info-outlet");
        included.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(included.Html));
        var id = Guid.Parse(included.Location!.Split('/')[2]);
        (await Chains.StateAsync(app, id)).ShouldBe("included");
        (await app.Database.ScalarAsync<string>($"SELECT status FROM applications WHERE id = '{id}'")).ShouldBe("Approved");
        app.MailTo(email, "无需申报备案").ShouldNotBeEmpty();
        (await applicant.GetAsync($"/applications/{id}")).Html.ShouldContain("已纳入（国家级、省级网点）");
        (await shenyang.PostAsync(queue, Fields(code), "/review?handler=Include&program=shenyang-info-outlet")).Html.ShouldContain("在本批次已有申报或已纳入");
    }

    [Fact]
    public async Task Operation_platform_the_city_recommends_and_exports_the_summary_table_then_the_province_approves()
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app);
        var answers = JsonNode.Parse("""{ "cover": { "applicant": "沈阳示例运营平台有限公司", "address": "沈阳市浑南区示例路8号", "contact": "赵六", "contactPhone": "024-12345678" } }""")!.AsObject();
        var id = await Chains.SubmittedDirectlyAsync(app, "operation-platform-2026-demo", organisation, answers);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        var queue = (await shenyang.GetAsync("/review?program=operation-platform")).Html;
        queue.ShouldContain("导出五、申报单位情况汇总表（xlsx）");
        var export = await shenyang.Http.GetAsync("/review?program=operation-platform&view=all&handler=Table&table=summary");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Rows(await export.Content.ReadAsByteArrayAsync());
        rows[1].ShouldBe(["序号", "申报单位名称", "地址", "联系人", "联系电话"]);
        rows.ShouldContain(r => r.SequenceEqual(new[] { r[0], "沈阳示例运营平台有限公司", "沈阳市浑南区示例路8号", "赵六", "024-12345678" }));

        await Ok(Chains.ActAsync(shenyang, id, "recommend", [("a.recommendation.opinion", "true"), ("a.recommendation.date", Chains.Today), ("opinion", "同意推荐")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");
        await Ok(Chains.ActAsync(await app.SignedInAsync(Chains.Province), id, "approve", [("a.acceptance.acceptanceNo", "YY-2026-001"), ("funds", "100"), ("opinion", "予以立项")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("approved");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'acceptance'->>'acceptanceNo' FROM applications WHERE id = '{id}'")).ShouldBe("YY-2026-001");
    }

    [Fact]
    public async Task An_outlet_without_a_district_cannot_enter_district_review()
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        await app.Database.ScalarAsync<int>($"UPDATE organisations SET district_code = NULL WHERE id = '{organisation}'");
        var id = await Chains.DraftDirectlyAsync(app, "shenyang-info-outlet-2026-demo", organisation);

        var refused = await Chains.SubmitDirectlyAsync(app, id, organisation);
        refused.Errors.All.ShouldHaveSingleItem().Message.ShouldContain("尚未登记所在区县");
        (await Chains.StateAsync(app, id)).ShouldBe("draft");
    }

    /// <summary>A 公示 of one application from today for 5 working days, created on the review pages by <paramref name="reviewer"/>.</summary>
    private static async Task<Guid> PublicizeAsync(FormClient reviewer, string round, Guid id, string title)
    {
        var created = await reviewer.PostAsync($"/review/publicity?round={round}",
            [new("Applications", id.ToString()), new("Title", title), new("StartDate", Chains.Today), new("WorkingDays", "5")],
            $"/review/publicity?handler=Create&round={round}");
        created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));
        return Guid.Parse(created.Location!.Split('/')[3]);
    }

    /// <summary>The 公示's last day passes (moved into the past) and the timer job publishes the result.</summary>
    private async Task EndAsync(Guid publicity)
    {
        await app.Database.ScalarAsync<int>($"UPDATE public_notices SET start_date = start_date - 30, end_date = current_date - 1 WHERE id = '{publicity}'");
        (await Chains.RunTimersAsync(app)).Published.ShouldBeGreaterThanOrEqualTo(1);
    }

    /// <summary>The cell texts of the first sheet, row by row.</summary>
    internal static List<string[]> Rows(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()).ToList();
    }
}
