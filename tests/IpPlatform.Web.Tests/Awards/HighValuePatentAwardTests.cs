using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Seed 004 after 已认定: a centre builds for ConstructionYears, files its 年度工作报告 after the first year through the
/// city to the province, and is assessed at the end on 附件4 — passing puts it into operation; failing gives
/// RectificationMonths of rectification and a second assessment; failing again cancels the title, claws back the funds in
/// proportion to task completion and bars new applications for BanYearsAfterRevocation years.
/// </summary>
public sealed class HighValuePatentAwardTests(WebFixture app)
{
    private const string Round = "high-value-patent-2026-demo";

    /// <summary>
    /// 表1's KPI tables: <paramref name="grants"/> granted invention patents and <paramref name="pct"/> PCT national phase
    /// entries, dated 400 days ago — within the construction period of an award the tests have aged past its end.
    /// </summary>
    internal static List<KeyValuePair<string, string>> Kpi(int grants, int pct)
    {
        var on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-400).ToString("yyyy-MM-dd");
        var fields = new List<KeyValuePair<string, string>> { new("a.kpi.grants.rows", grants.ToString()), new("a.kpi.pct.rows", pct.ToString()), new("a.kpi.abnormal", "false") };
        for (var i = 0; i < grants; i++)
        {
            fields.AddRange([new($"a.kpi.grants.{i}.number", $"ZL2025{i:D6}.1"), new($"a.kpi.grants.{i}.title", "一种示例方法"), new($"a.kpi.grants.{i}.grantedOn", on)]);
        }

        for (var i = 0; i < pct; i++)
        {
            fields.AddRange([new($"a.kpi.pct.{i}.number", $"PCT/CN2025/{i:D6}"), new($"a.kpi.pct.{i}.title", "一种示例装置"), new($"a.kpi.pct.{i}.countries", "美国、欧洲"), new($"a.kpi.pct.{i}.enteredOn", on)]);
        }

        return fields;
    }

    [Fact]
    public async Task A_recognised_centre_files_its_annual_report_after_the_first_year_through_the_city_to_the_province()
    {
        var (applicant, _, award, email) = await Lifecycle.Awarded004Async(app);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        // The award: 建设中 for two years (ConstructionYears), with what it owes and by when on the organisation's page.
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Construction");
        (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(today.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd"));
        var org = (await applicant.GetAsync("/org")).Html;
        org.ShouldContain("辽宁省高价值专利培育中心");
        org.ShouldContain("年度工作报告");
        org.ShouldContain("验收考核");
        org.ShouldContain(today.AddYears(1).AddMonths(1).ToString("yyyy-MM-dd"), customMessage: "the annual report is due a month after the first year");
        var report = await Lifecycle.FilingAsync(app, award, "annual-report");
        (await applicant.GetAsync($"/applications/{report}")).Html.ShouldContain("尚未到报送时间");

        // Eleven days before it is due, a reminder is mailed (10 working days); after the due date it is overdue for everyone to see.
        await Lifecycle.AgeAsync(app, award, 365 + 30 - 16);
        (await Chains.RunTimersAsync(app)).Reminded.ShouldBeGreaterThanOrEqualTo(1);
        app.MailTo(email, "年度工作报告即将到期").ShouldNotBeEmpty();
        await Lifecycle.AgeAsync(app, award, 20);
        await Chains.RunTimersAsync(app);
        (await Lifecycle.StateAsync(app, report)).ShouldBe("overdue");
        app.MailTo(email, "逾期未报送").ShouldNotBeEmpty();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await shenyang.GetAsync("/review?view=all&kind=Obligation&overdue=true")).Html.ShouldContain($"/review/{report}");

        // Filed late all the same; the city returns it with one consolidated list; corrected and filed again; forwarded; accepted.
        var filed = await Lifecycle.FileAsync(applicant, report);
        filed.RedirectsTo($"/applications/{report}").ShouldBeTrue(Chains.Problems(filed.Html));
        (await Lifecycle.StateAsync(app, report)).ShouldBe("cityReview");
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, report, "return", [("corrections", "补充资金使用明细"), ("reason", "资金使用情况不完整")]), report);
        (await applicant.GetAsync($"/applications/{report}")).Html.ShouldContain("补充资金使用明细");
        var corrected = await Lifecycle.FileAsync(applicant, report, [new("a.funds.usage", "按预算科目逐项列明的资金使用明细")], button: "补正后重新提交");
        corrected.RedirectsTo($"/applications/{report}").ShouldBeTrue(Chains.Problems(corrected.Html));
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, report, "forward"), report);
        (await Lifecycle.StateAsync(app, report)).ShouldBe("provinceReview");
        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(province, report, "accept"), report);
        (await Lifecycle.StateAsync(app, report)).ShouldBe("accepted");
        app.MailTo(email, "审核通过").ShouldNotBeEmpty();
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM application_submissions WHERE application_id = '{report}'")).ShouldBe(2, "both filings are kept");
    }

    [Fact]
    public async Task Passing_the_acceptance_assessment_puts_the_centre_into_operation()
    {
        var (applicant, _, award, email) = await Lifecycle.Awarded004Async(app);
        await Lifecycle.AgeAsync(app, award, 731);
        var acceptance = await Lifecycle.FilingAsync(app, award, "acceptance");
        (await Lifecycle.FileAsync(applicant, acceptance, Kpi(grants: 20, pct: 5))).RedirectsTo($"/applications/{acceptance}").ShouldBeTrue();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, acceptance, "forward"), acceptance);

        // The KPI as the seed counts it (a PCT national phase entry counts twice), shown to the reviewers.
        var page = (await province.GetAsync($"/review/{acceptance}")).Html;
        page.ShouldContain("30 件 / 目标 30 件");
        page.ShouldContain("完成率 100%");

        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "toExperts"), acceptance);
        (await Chains.ActAsync(province, acceptance, "pass", [("opinion", "合格")])).Html.ShouldContain("尚无专家提交评分");
        await Lifecycle.ScoreAsync(app, acceptance, 85);
        (await Chains.ActAsync(province, acceptance, "fail", [("reason", "不合格")])).Html.ShouldContain("已达到合格分数线 70 分");
        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "pass", [("opinion", "考核合格")]), acceptance);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Operating");
        app.MailTo(email, "验收考核合格").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Failing_twice_cancels_the_title_claws_back_in_proportion_to_completion_and_bars_new_applications()
    {
        var (applicant, _, award, email) = await Lifecycle.Awarded004Async(app);
        var province = await app.SignedInAsync(Chains.Province);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        // 拨付支持资金: the province records the document and the funds on the award's page.
        (await province.SubmitAsync($"/review/awards/{award}", "保存", [new("DocumentNumber", "辽知发〔2026〕1号"), new("FundsGranted", "100"), new("FundsDisbursed", "120")]))
            .Html.ShouldContain("“已拨付资金”不能超过“批准资金”");
        (await province.SubmitAsync($"/review/awards/{award}", "保存", [new("DocumentNumber", "辽知发〔2026〕1号"), new("FundsGranted", "100"), new("FundsDisbursed", "100")]))
            .RedirectsTo($"/review/awards/{award}").ShouldBeTrue();

        // The end of the construction period: the centre reports 10 grants and 5 PCT entries (20 of 30) and scores 60.
        await Lifecycle.AgeAsync(app, award, 731);
        var acceptance = await Lifecycle.FilingAsync(app, award, "acceptance");
        (await Lifecycle.FileAsync(applicant, acceptance, Kpi(grants: 10, pct: 5))).RedirectsTo($"/applications/{acceptance}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, acceptance, "forward"), acceptance);
        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "toExperts"), acceptance);
        await Lifecycle.ScoreAsync(app, acceptance, 60);
        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "fail", [("reason", "绩效指标未完成")]), acceptance);

        // 3 months of rectification (RectificationMonths), then a second assessment.
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Rectifying");
        app.MailTo(email, "限期整改").ShouldNotBeEmpty();
        var second = await Lifecycle.FilingAsync(app, award, "reacceptance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{second}'")).ShouldBe(today.AddMonths(3).ToString("yyyy-MM-dd"));
        (await Lifecycle.FileAsync(applicant, second, Kpi(grants: 10, pct: 5))).RedirectsTo($"/applications/{second}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, second, "forward"), second);
        await Lifecycle.OkAsync(Chains.ActAsync(province, second, "toExperts"), second);
        await Lifecycle.ScoreAsync(app, second, 65);
        await Lifecycle.OkAsync(Chains.ActAsync(province, second, "fail", [("reason", "整改后仍未完成绩效指标")]), second);

        // The title is cancelled; 100 × (1 − 20/30) = 33.33 万元 are clawed back, the computation shown to both sides.
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Revoked");
        (await app.Database.ScalarAsync<decimal>($"SELECT funds_clawed_back FROM awards WHERE id = '{award}'")).ShouldBe(33.33m);
        var computation = "收回金额 = 已拨付支持资金 100 万元 × (1 − 任务完成率 67%) = 33.33 万元";
        (await applicant.GetAsync("/org")).Html.ShouldContain(computation);
        (await province.GetAsync($"/review/awards/{award}")).Html.ShouldContain(computation);
        app.MailTo(email, "已被撤销").ShouldContain("收回支持资金");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM credit_records WHERE award_id = '{award}'")).ShouldBe(1);

        // Barred for two years (BanYearsAfterRevocation) from every round of the module: the pre-check, the start and the page say why and until when.
        var until = today.AddYears(2).AddDays(-1).ToString("yyyy年M月d日");
        var nextRound = await NewRoundAsync();
        var precheck = (await applicant.GetAsync($"/apply/{nextRound}")).Html;
        precheck.ShouldContain($"{until}前不得申报本项目");
        precheck.ShouldNotContain("开始填写申报书");
        (await applicant.PostAsync($"/apply/{nextRound}", [], $"/apply/{nextRound}")).Html.ShouldContain("不得申报本项目", customMessage: "a start forged past the page is refused on the server");
        (await applicant.GetAsync("/org")).Html.ShouldContain($"{until}前不得申报该项目");

        // The ban ends: the organisation may apply again.
        await Lifecycle.AgeAsync(app, award, 731);
        (await applicant.GetAsync($"/apply/{nextRound}")).Html.ShouldContain("开始填写申报书");
    }

    /// <summary>Another round of the program, opened now by the province's policy editor on the program's page.</summary>
    private async Task<string> NewRoundAsync()
    {
        var key = $"high-value-patent-next-{Guid.NewGuid():N}"[..34];
        var editor = await app.SignedInAsync("editor.province@example.com");
        var now = DateTime.UtcNow.AddHours(8);
        var saved = await editor.SubmitAsync("/editor/programs/high-value-patent", "保存批次",
            [new("Round.Key", key), new("Round.Year", now.Year.ToString()), new("Round.Title", "下一批次"), new("Round.Opens", now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm")),
             new("Round.Closes", now.AddDays(60).ToString("yyyy-MM-ddTHH:mm"))]);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(saved.Html));
        return key;
    }

    [Fact]
    public async Task A_Dalian_reviewer_never_sees_a_Shenyang_award_or_what_it_owes()
    {
        var (_, _, award, _) = await Lifecycle.Awarded004Async(app);
        var report = await Lifecycle.FilingAsync(app, award, "annual-report");
        var dalian = await app.SignedInAsync(Chains.Dalian);

        (await dalian.GetAsync($"/review/awards/{award}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await dalian.GetAsync("/review/awards")).Html.ShouldNotContain(award.ToString());
        (await dalian.GetAsync($"/review/{report}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await dalian.GetAsync("/review?view=all&kind=Obligation")).Html.ShouldNotContain(report.ToString());

        // Shenyang sees both; only the province (which runs the program) decides on the award.
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await shenyang.GetAsync($"/review/awards/{award}")).Html.ShouldNotContain("登记文号与资金");
        (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/review/awards/{award}")).Html.ShouldContain("登记文号与资金");
        (await shenyang.GetAsync("/review/awards")).Html.ShouldContain(award.ToString());
    }
}
