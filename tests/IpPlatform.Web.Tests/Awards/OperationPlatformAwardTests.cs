using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Seed 003 (知识产权运营平台服务支撑能力提升项目申报指南) after 立项: the support funds within the program's cap (四、支持标准),
/// one year of implementation (二), the 阶段核查 by the round's date with the seven kinds of evidence and the KPI table
/// of the six targets of 三、绩效目标 (五、2), the 综合评估 by its date (五、3), and what the 信用承诺书 says follows a failure.
/// </summary>
public sealed class OperationPlatformAwardTests(WebFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The stage check's KPI table: every indicator at <paramref name="achieved"/> (its row) with its evidence.</summary>
    private static List<KeyValuePair<string, string>> Kpi(params int[] achieved)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < achieved.Length; i++)
        {
            fields.AddRange([new($"a.kpi.kpi.{i}.planned", (achieved[i] + 5).ToString()), new($"a.kpi.kpi.{i}.achieved", achieved[i].ToString()), new($"a.kpi.kpi.{i}.evidence", $"附件（{i + 1}）")]);
        }

        return fields;
    }

    /// <summary>Each indicator exactly at the guide's minimum (需求库 20家/50项 … 活动 6次/对接 3次), pledges below both of theirs.</summary>
    private static readonly int[] AllButPledges = [20, 50, 10, 20, 50, 100, 2000, 4, 3000, 6, 3];

    [Fact]
    public async Task The_project_is_approved_with_its_acceptance_number_and_funds_no_higher_than_the_program_s_cap()
    {
        var (applicant, organisation, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
        var id = await Chains.SubmittedDirectlyAsync(app, "operation-platform-2026-demo", organisation,
            new System.Text.Json.Nodes.JsonObject { ["foundation"] = new System.Text.Json.Nodes.JsonObject { ["servedFirms"] = "400", ["serviceAgencies"] = "40" } });
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "recommend",
            [("a.recommendation.opinion", "true"), ("a.recommendation.date", Chains.Today), ("opinion", "同意推荐")]), id);
        var province = await app.SignedInAsync(Chains.Province);

        var tooMuch = await Chains.ActAsync(province, id, "approve", [("a.acceptance.acceptanceNo", "LN-ZHZX-2026-001"), ("funds", "120"), ("opinion", "予以立项")]);
        tooMuch.Html.ShouldContain("支持资金应在0至100万元之间（现为120万元）");
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");
        (await Chains.ActAsync(province, id, "approve", [("funds", "100"), ("opinion", "予以立项")])).Html.ShouldContain("请填写“项目受理号”");

        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "approve", [("a.acceptance.acceptanceNo", "LN-ZHZX-2026-001"), ("funds", "100"), ("opinion", "予以立项")]), id);
        var award = await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'");
        (await app.Database.ScalarAsync<string>($"SELECT status || ' ' || document_number || ' ' || funds_granted || ' ' || end_date::text FROM awards WHERE id = '{award}'"))
            .ShouldBe($"Implementing LN-ZHZX-2026-001 100.00 {Today.AddMonths(12).AddDays(-1):yyyy-MM-dd}");
        (await app.Database.ScalarAsync<string>($"SELECT string_agg(obligation_key || ' ' || due_on::text, ', ' ORDER BY due_on) FROM applications WHERE award_id = '{award}'"))
            .ShouldBe("stage-check 2027-06-30, final-assessment 2027-12-31", "by the round's 阶段核查 and 综合评估 dates");
        (await applicant.GetAsync("/org")).Html.ShouldContain("实施中");
    }

    [Fact]
    public async Task The_stage_check_brings_the_seven_kinds_of_evidence_and_the_KPI_table_whose_attainment_the_platform_computes()
    {
        var (applicant, _, award, email) = await Lifecycle.Approved003Async(app);
        await Lifecycle.AgeAsync(app, award, 300);
        var check = await Lifecycle.FilingAsync(app, award, "stage-check");
        var page = (await applicant.GetAsync($"/applications/{check}")).Html;
        foreach (var evidence in new[] { "（1）分类科学、信息准确的专利技术需求库", "（5）促成专利质押融资的相关证明材料", "（7）其他相关典型工作的证明材料" })
        {
            page.ShouldContain(evidence);
        }

        var filed = await Lifecycle.FileAsync(applicant, check, Kpi(AllButPledges));
        filed.RedirectsTo($"/applications/{check}").ShouldBeTrue(Chains.Problems(filed.Html));
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM application_files WHERE application_id = '{check}'")).ShouldBe(7);

        var province = await app.SignedInAsync(Chains.Province);
        var review = (await province.GetAsync($"/review/{check}")).Html;
        review.ShouldContain("5 / 6 项达到申报指南三的最低要求");
        review.ShouldContain("专利质押融资项目 4笔（最低5笔");
        await Lifecycle.OkAsync(Chains.ActAsync(province, check, "concerns", [("reason", "专利质押融资未达到最低要求，请在综合评估前完成")]), check);
        app.MailTo(email, "专利质押融资未达到最低要求").ShouldNotBeEmpty();
    }

    /// <summary>The project near its 综合评估 date, the final materials filed by the platform.</summary>
    private async Task<Guid> FinalFiledAsync(FormClient applicant, Guid award)
    {
        await Lifecycle.AgeAsync(app, award, 400);
        var final = await Lifecycle.FilingAsync(app, award, "final-assessment");
        var filed = await Lifecycle.FileAsync(applicant, final, Kpi([25, 60, 12, 22, 55, 120, 2500, 6, 6000, 8, 4]));
        filed.RedirectsTo($"/applications/{final}").ShouldBeTrue(Chains.Problems(filed.Html));
        return final;
    }

    [Fact]
    public async Task A_project_that_passes_its_final_assessment_is_completed_and_owes_nothing_more()
    {
        var (applicant, _, award, _) = await Lifecycle.Approved003Async(app);
        var final = await FinalFiledAsync(applicant, award);
        (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/review/{final}")).Html.ShouldContain("6 / 6 项达到申报指南三的最低要求");

        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), final, "pass", [("opinion", "各项绩效目标均已完成")]), final);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Completed");
        await Chains.RunTimersAsync(app);
        (await Lifecycle.StateAsync(app, await Lifecycle.FilingAsync(app, award, "stage-check"))).ShouldBe("closed", "what was not filed is closed once the project is completed");
        (await applicant.GetAsync("/org")).Html.ShouldContain("已结项");
    }

    [Fact]
    public async Task A_failed_final_assessment_withdraws_the_qualification_recovers_the_funds_and_records_the_breach_as_the_credit_commitment_says()
    {
        var (applicant, _, award, email) = await Lifecycle.Approved003Async(app);
        var province = await app.SignedInAsync(Chains.Province);
        var recorded = await province.SubmitAsync($"/review/awards/{award}", "保存", [new("FundsGranted", "100"), new("FundsDisbursed", "60")]);
        recorded.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(recorded.Html));
        var final = await FinalFiledAsync(applicant, award);

        await Lifecycle.OkAsync(Chains.ActAsync(province, final, "fail", [("reason", "成果材料与任务书严重不符")]), final);

        (await app.Database.ScalarAsync<string>($"SELECT status || ' ' || funds_clawed_back FROM awards WHERE id = '{award}'")).ShouldBe("Revoked 60.00");
        (await app.Database.ScalarAsync<string>($"SELECT clawback_computation FROM awards WHERE id = '{award}'")).ShouldContain("依信用承诺书第5条收回拨付经费");
        (await app.Database.ScalarAsync<string>($"SELECT text FROM credit_records WHERE award_id = '{award}'")).ShouldContain("专项项目综合评估不合格");
        app.MailTo(email, "取消贵单位专项工作承接资格、收回拨付经费").ShouldNotBeEmpty();
        (await applicant.GetAsync("/apply/operation-platform-2026-demo")).Html.ShouldContain("申报单位近3年内应未发生知识产权恶意侵权案件", customMessage: "the credit record now counts against the platform");
    }
}
