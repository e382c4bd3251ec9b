using System.Net;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Seed 001 (辽宁省知识产权服务业高质量集聚发展区工作实施办法) after 发文同意设立, article by article: the construction
/// period from the decision (art. 10), the 建设方案 through the city to the province (art. 11), changes to it only with
/// the province's consent (art. 13), the annual report by the end of February (art. 14), change reports within 15
/// working days (art. 21), the end-of-term evaluation with its plaque, rectification and revocation (art. 15–16), and
/// revocation with a public announcement (art. 20).
/// </summary>
public sealed class ServiceClusterAwardTests(WebFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The 公告 published when the award was revoked (art. 20: 撤销集聚区称号并予以公告).</summary>
    private async Task<Guid> AnnouncementAsync(Guid award)
    {
        var name = await app.Database.ScalarAsync<string>($"SELECT organisation_name FROM awards WHERE id = '{award}'");
        return await app.Database.ScalarAsync<Guid>(
            $"SELECT id FROM content_items WHERE type = 'Notice' AND published_title = '关于撤销{name}“辽宁省知识产权服务业高质量集聚发展区”称号的公告'");
    }

    private Task<string> DueAsync(Guid filing) => app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{filing}'");

    [Fact]
    public async Task Article_10_and_11_the_zone_builds_for_two_years_from_the_decision_and_files_its_plan_through_the_city_within_two_months()
    {
        var decided = Today.AddDays(-10);
        var (applicant, _, award, email) = await Lifecycle.Established001Async(app, decisionDate: decided.ToString("yyyy-MM-dd"));

        (await app.Database.ScalarAsync<string>($"SELECT start_date::text || ' ' || end_date::text || ' ' || status || ' ' || document_number FROM awards WHERE id = '{award}'"))
            .ShouldBe($"{decided:yyyy-MM-dd} {decided.AddYears(2).AddDays(-1):yyyy-MM-dd} Construction 辽知发〔2026〕21号", "construction runs from the date of the decision (art. 10)");
        var plan = await Lifecycle.FilingAsync(app, award, "construction-plan");
        (await DueAsync(plan)).ShouldBe(decided.AddMonths(2).ToString("yyyy-MM-dd"));
        var home = (await applicant.GetAsync("/org")).Html;
        home.ShouldContain("辽宁省知识产权服务业高质量集聚发展区");
        home.ShouldContain($"/applications/{plan}", customMessage: "the plan can be drawn up from the day of the decision");
        (await app.Database.ScalarAsync<string>($"SELECT string_agg(period_label, ',' ORDER BY due_on) FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-report'"))
            .ShouldBe($"{decided.Year}年度,{decided.Year + 1}年度", "each February the report is about the year before (art. 14)");
        (await Lifecycle.FilingAsync(app, award, "evaluation")).ShouldNotBe(Guid.Empty);
        app.MailTo(email, "辽知发〔2026〕21号").ShouldNotBeEmpty();

        // Through the city to the province (art. 11).
        var filed = await Lifecycle.FileAsync(applicant, plan, [new("a.basic.operator", "沈阳示例运营管理有限公司")]);
        filed.RedirectsTo($"/applications/{plan}").ShouldBeTrue(Chains.Problems(filed.Html));
        (await Lifecycle.StateAsync(app, plan)).ShouldBe("cityReview");
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), plan, "forward"), plan);
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), plan, "accept"), plan);
        (await Lifecycle.StateAsync(app, plan)).ShouldBe("accepted");
        app.MailTo(email, "作为集聚区建设和期满评估的依据").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Article_13_a_change_to_the_plan_applies_only_once_the_province_consents()
    {
        var (applicant, _, award, email) = await Lifecycle.Established001Async(app);

        var opened = await applicant.SubmitAsync("/org", "《建设方案》调整", within: "value=\"plan-adjustment\"");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(opened.Html));
        var adjustment = Guid.Parse(opened.Location!.Split('/')[2]);
        (await DueAsync(adjustment)).ShouldBeNull("an adjustment has no deadline of its own");
        (await Lifecycle.FileAsync(applicant, adjustment)).RedirectsTo($"/applications/{adjustment}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), adjustment, "forward"), adjustment);

        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(province, adjustment, "refuse", [("reason", "调整后的指标低于申报时的承诺")]), adjustment);
        (await Lifecycle.StateAsync(app, adjustment)).ShouldBe("refused");
        app.MailTo(email, "仍按原《建设方案》实施").ShouldNotBeEmpty();

        var again = Guid.Parse((await applicant.SubmitAsync("/org", "《建设方案》调整", within: "value=\"plan-adjustment\"")).Location!.Split('/')[2]);
        (await Lifecycle.FileAsync(applicant, again)).RedirectsTo($"/applications/{again}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), again, "forward"), again);
        await Lifecycle.OkAsync(Chains.ActAsync(province, again, "consent"), again);
        (await Lifecycle.StateAsync(app, again)).ShouldBe("consented");
        app.MailTo(email, "调整自同意之日起生效").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Article_21_a_change_is_reported_within_15_working_days_of_it_through_the_city()
    {
        var (applicant, _, award, _) = await Lifecycle.Established001Async(app);
        var changed = Today.AddDays(-3);

        (await applicant.GetAsync("/org")).Html.ShouldContain("发生日期（15个工作日内报送）");
        var opened = await applicant.SubmitAsync("/org", "变更事项报告", [new("eventDate", changed.ToString("yyyy-MM-dd"))], within: "value=\"change-report\"");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(opened.Html));
        var report = Guid.Parse(opened.Location!.Split('/')[2]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetAsync();
            (await DueAsync(report)).ShouldBe(calendar.AddWorkingDays(changed.AddDays(1), 15).ToString("yyyy-MM-dd"));
        }

        var page = (await applicant.GetAsync($"/applications/{report}")).Html;
        foreach (var kind in new[] { "集聚区的性质或功能发生变更", "集聚区的运营管理机构发生变更", "集聚区的运行机制发生变更", "其他重大事项发生变更" })
        {
            page.ShouldContain(kind);
        }

        (await Lifecycle.FileAsync(applicant, report, [new("a.change.kind", "集聚区的运营管理机构发生变更")])).RedirectsTo($"/applications/{report}").ShouldBeTrue();
        (await Lifecycle.StateAsync(app, report)).ShouldBe("cityReview");
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), report, "forward"), report);
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), report, "accept"), report);
        (await Lifecycle.StateAsync(app, report)).ShouldBe("accepted");
    }

    /// <summary>The zone at the end of its construction: its evaluation filed by the zone and forwarded by the city.</summary>
    private async Task<Guid> EvaluationWithTheProvinceAsync(FormClient applicant, Guid award)
    {
        await Lifecycle.AgeAsync(app, award, 731);
        var evaluation = await Lifecycle.FilingAsync(app, award, "evaluation");
        var filed = await Lifecycle.FileAsync(applicant, evaluation);
        filed.RedirectsTo($"/applications/{evaluation}").ShouldBeTrue(Chains.Problems(filed.Html));
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), evaluation, "forward"), evaluation);
        return evaluation;
    }

    [Fact]
    public async Task Article_16_a_zone_that_passes_its_evaluation_receives_the_plaque_and_enters_its_operating_period()
    {
        var (applicant, _, award, email) = await Lifecycle.Established001Async(app);
        var evaluation = await EvaluationWithTheProvinceAsync(applicant, award);
        var page = (await applicant.GetAsync($"/applications/{evaluation}")).Html;
        page.ShouldContain("集聚区建设存在的问题、原因、对策与建议", customMessage: "the five contents of art. 15");

        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), evaluation, "pass", [("opinion", "各项指标完成良好")]), evaluation);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Operating");
        (await app.Database.ScalarAsync<string>($"SELECT label FROM award_events WHERE award_id = '{award}' ORDER BY sequence DESC LIMIT 1")).ShouldContain("颁发牌匾");
        app.MailTo(email, "颁发集聚区牌匾，集聚区正式进入运行期").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Article_16_a_failed_evaluation_sets_3_to_6_months_of_rectification_and_a_second_failure_revokes_the_title_publicly()
    {
        var (applicant, _, award, email) = await Lifecycle.Established001Async(app);
        var evaluation = await EvaluationWithTheProvinceAsync(applicant, award);
        var province = await app.SignedInAsync(Chains.Province);

        var tooLong = await Chains.ActAsync(province, evaluation, "fail", [("reason", "建设方案指标完成不足一半"), ("months", "7")]);
        tooLong.Html.ShouldContain("“整改期限（月）”应在3至6个月之间（现为7个月）");
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Construction");

        await Lifecycle.OkAsync(Chains.ActAsync(province, evaluation, "fail", [("reason", "建设方案指标完成不足一半"), ("months", "4")]), evaluation);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Rectifying");
        var rectification = await Lifecycle.FilingAsync(app, award, "rectification");
        (await DueAsync(rectification)).ShouldBe(Today.AddMonths(4).ToString("yyyy-MM-dd"));
        app.MailTo(email, "限期4个月整改").ShouldNotBeEmpty();

        (await Lifecycle.FileAsync(applicant, rectification)).RedirectsTo($"/applications/{rectification}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), rectification, "forward"), rectification);
        await Lifecycle.OkAsync(Chains.ActAsync(province, rectification, "fail", [("reason", "整改后指标仍未完成"), ("documentNumber", "辽知发〔2026〕99号")]), rectification);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Revoked");
        (await app.Database.ScalarAsync<string>($"SELECT document_number FROM awards WHERE id = '{award}'")).ShouldBe("辽知发〔2026〕21号", "the award keeps the document that granted it");
        var notice = await AnnouncementAsync(award);
        notice.ShouldNotBe(Guid.Empty, "the revocation is announced (art. 20)");
        var published = (await app.NewFormClient().GetAsync($"/notices/{notice}")).Html;
        published.ShouldContain("特此公告");
        published.ShouldContain("建设期满评估不合格，整改仍不合格（第十六条）");
        published.ShouldContain("辽知发〔2026〕99号");
    }

    [Fact]
    public async Task Article_20_the_province_revokes_for_its_four_reasons_with_an_announcement_and_not_on_an_evaluation_s_ground()
    {
        var (_, _, award, _) = await Lifecycle.Established001Async(app);
        var province = await app.SignedInAsync(Chains.Province);
        var page = (await province.GetAsync($"/review/awards/{award}")).Html;
        page.ShouldContain("不配合知识产权主管部门依法管理（第二十条（二））（予以公告）");
        page.ShouldNotContain("整改仍不合格（第十六条）", customMessage: "only the evaluation's chain establishes that ground");

        var forged = await province.SubmitAsync($"/review/awards/{award}", "撤销", [new("Ground", "rectificationFailed"), new("Reason", "跳过评估")]);
        forged.Html.ShouldContain("请选择撤销的依据");
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Construction");

        var revoked = await province.SubmitAsync($"/review/awards/{award}", "撤销",
            [new("Ground", "nonCooperation"), new("Reason", "多次拒绝提供建设情况资料"), new("DocumentNumber", "辽知发〔2026〕50号")]);
        revoked.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(revoked.Html));
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Revoked");
        (await app.NewFormClient().GetAsync($"/notices/{await AnnouncementAsync(award)}")).Html.ShouldContain("辽知发〔2026〕50号");
    }
}
