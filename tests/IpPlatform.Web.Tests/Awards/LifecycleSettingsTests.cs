using System.Net;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Forms;
using IpPlatform.Web.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Every setting of seeds 000, 001 and 003 means what its label says: each test changes one on the program's editor page
/// (as a policy editor would), observes what the label promises, and puts it back; and a city's own copy of seed 001
/// (art. 22) applies its own values of all of them.
/// </summary>
public sealed class LifecycleSettingsTests(WebFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private Task WithSettingAsync(string slug, string key, string value, Func<Task> body) => ProgramSettings.WithAsync(app, slug, key, value, body);

    private Task<string> Text(string sql) => app.Database.ScalarAsync<string>(sql)!;

    // ---- Seed 000 ----

    [Fact]
    public Task MinYearsEstablished_is_how_long_an_institution_must_have_existed() =>
        WithSettingAsync("brand-institution", "minYearsEstablished", "15", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
            (await client.GetAsync("/apply/brand-institution-2026-demo")).Html.ShouldContain("培育机构应成立15年以上", customMessage: "established 2016");
        });

    [Fact]
    public Task MinStaff_is_the_staff_an_institution_must_have() =>
        WithSettingAsync("brand-institution", "minStaff", "30", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
            (await client.GetAsync("/apply/brand-institution-2026-demo")).Html.ShouldContain("培育机构工作人员应在30人以上", customMessage: "25 on record");
        });

    [Fact]
    public async Task YearsWithoutSanction_is_how_far_back_the_platform_s_sanctions_and_credit_records_count()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
        await ApplicantForms.RecordCreditAsync(app, organisation, daysAgo: 400);
        (await client.GetAsync("/apply/brand-institution-2026-demo")).Html.ShouldContain("培育机构近2年应无惩戒");

        await WithSettingAsync("brand-institution", "yearsWithoutSanction", "1", async () =>
        {
            var id = await ApplicantForms.StartAsync(client, "brand-institution-2026-demo");
            (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("本单位近1年无惩戒和投诉", customMessage: "the applicant declares what the setting says");
        });
    }

    [Fact]
    public Task CultivationYears_is_the_cultivation_period_and_the_years_of_feedback() =>
        WithSettingAsync("brand-institution", "cultivationYears", "3", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Cultivated000Async(app);
            (await Text($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));
            (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM applications WHERE award_id = '{award}' AND obligation_key = 'feedback'")).ShouldBe(3);
        });

    [Fact]
    public Task CultivationPlanMonths_is_when_the_city_s_plan_is_due() =>
        WithSettingAsync("brand-institution", "cultivationPlanMonths", "2", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Cultivated000Async(app);
            (await Text($"SELECT due_on::text FROM applications WHERE award_id = '{award}' AND obligation_key = 'cultivation-plan'")).ShouldBe(Today.AddMonths(2).ToString("yyyy-MM-dd"));
        });

    [Theory]
    [InlineData("brand-institution", "brand-institution-2026-demo")]
    [InlineData("service-cluster", "service-cluster-2026-demo")]
    public Task PublicNoticeWorkingDays_is_the_length_a_new_publicity_is_given(string slug, string round) =>
        WithSettingAsync(slug, "publicNoticeWorkingDays", "8", async () =>
        {
            var page = (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/review/publicity?round={round}")).Html;
            RenderedForms.WithButton(page, $"/review/publicity?round={round}", "发布公示").Form.Fields.First(f => f.Key == "WorkingDays").Value.ShouldBe("8");
        });

    // ---- Seed 001 ----

    private async Task<string> RefusedZoneAsync(string coreArea = "600", string institutions = "12", string physical = "9", string round = "service-cluster-2026-demo", string city = "210100")
    {
        var (client, _, _) = await Chains.OrganisationAsync(app, district: city == "210100" ? "210106" : "", type: "DevelopmentZoneCommittee", city: city);
        var id = await ApplicantForms.StartAsync(client, round);
        return (await ApplicantForms.FillAndSubmitAsync(client, id,
            ("a.basic.coreArea", coreArea), ("a.foundation.institutionCount", institutions), ("a.foundation.physicalInstitutionCount", physical))).Html;
    }

    [Fact]
    public Task MinServiceInstitutions_is_the_number_of_institutions_a_zone_must_gather() =>
        WithSettingAsync("service-cluster", "minServiceInstitutions", "15", async () =>
        {
            var page = await RefusedZoneAsync(institutions: "12");
            page.ShouldContain("功能性集聚知识产权服务机构应在15家以上");
            page.ShouldContain("应在15家以上（办法第七条（三））", customMessage: "the form's hint quotes the setting");
        });

    [Fact]
    public Task MinPhysicalInstitutions_is_the_number_physically_present() =>
        WithSettingAsync("service-cluster", "minPhysicalInstitutions", "10", async () =>
            (await RefusedZoneAsync(physical: "9")).ShouldContain("物理性集聚知识产权服务机构应在10家以上"));

    [Fact]
    public Task MinCoreAreaSquareMetres_is_the_smallest_core_area() =>
        WithSettingAsync("service-cluster", "minCoreAreaSquareMetres", "800", async () =>
        {
            var page = await RefusedZoneAsync(coreArea: "600");
            page.ShouldContain("核心区面积应不少于800平方米");
            page.ShouldContain("核心区面积不少于800平方米（办法第七条（三））");
        });

    [Fact]
    public Task ConstructionYears_of_seed_001_is_the_construction_period_from_the_decision() =>
        WithSettingAsync("service-cluster", "constructionYears", "3", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Established001Async(app);
            (await Text($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));
        });

    [Fact]
    public Task ConstructionPlanMonths_is_when_the_plan_is_due() =>
        WithSettingAsync("service-cluster", "constructionPlanMonths", "3", async () =>
        {
            var (applicant, _, award, _) = await Lifecycle.Established001Async(app);
            var plan = await Lifecycle.FilingAsync(app, award, "construction-plan");
            (await Text($"SELECT due_on::text FROM applications WHERE id = '{plan}'")).ShouldBe(Today.AddMonths(3).ToString("yyyy-MM-dd"));
            (await applicant.GetAsync($"/applications/{plan}")).Html.ShouldContain("自省知识产权局同意设立之日起3个月内");
        });

    [Fact]
    public Task ChangeReportWorkingDays_is_the_time_to_report_a_change() =>
        WithSettingAsync("service-cluster", "changeReportWorkingDays", "10", async () =>
        {
            var (applicant, _, _, _) = await Lifecycle.Established001Async(app);
            (await applicant.GetAsync("/org")).Html.ShouldContain("发生日期（10个工作日内报送）");
            var opened = await applicant.SubmitAsync("/org", "变更事项报告", [new("eventDate", Chains.Today)], within: "value=\"change-report\"");
            var report = Guid.Parse(opened.Location!.Split('/')[2]);
            await using var scope = app.Services.CreateAsyncScope();
            var calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetAsync();
            (await Text($"SELECT due_on::text FROM applications WHERE id = '{report}'")).ShouldBe(calendar.AddWorkingDays(Today.AddDays(1), 10).ToString("yyyy-MM-dd"));
        });

    /// <summary>A zone at the end of its construction whose evaluation the province is deciding.</summary>
    private async Task<(Guid Award, Guid Evaluation)> EvaluationAsync()
    {
        var (applicant, _, award, _) = await Lifecycle.Established001Async(app);
        await Lifecycle.AgeAsync(app, award, 731);
        var evaluation = await Lifecycle.FilingAsync(app, award, "evaluation");
        (await Lifecycle.FileAsync(applicant, evaluation)).RedirectsTo($"/applications/{evaluation}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), evaluation, "forward"), evaluation);
        return (award, evaluation);
    }

    [Fact]
    public Task RectificationMonthsMin_is_the_shortest_rectification_the_province_may_set() =>
        WithSettingAsync("service-cluster", "rectificationMonthsMin", "5", async () =>
        {
            var (_, evaluation) = await EvaluationAsync();
            (await Chains.ActAsync(await app.SignedInAsync(Chains.Province), evaluation, "fail", [("reason", "不合格"), ("months", "4")])).Html
                .ShouldContain("“整改期限（月）”应在5至6个月之间（现为4个月）");
        });

    [Fact]
    public Task RectificationMonthsMax_is_the_longest_rectification_the_province_may_set() =>
        WithSettingAsync("service-cluster", "rectificationMonthsMax", "8", async () =>
        {
            var (award, evaluation) = await EvaluationAsync();
            await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), evaluation, "fail", [("reason", "不合格"), ("months", "8")]), evaluation);
            (await Text($"SELECT due_on::text FROM applications WHERE id = '{await Lifecycle.FilingAsync(app, award, "rectification")}'"))
                .ShouldBe(Today.AddMonths(8).ToString("yyyy-MM-dd"));
        });

    [Fact]
    public async Task Article_22_a_city_s_own_copy_of_seed_001_applies_its_own_thresholds_and_periods()
    {
        var (_, round) = await ProgramSettings.CityCopyAsync(app, "service-cluster", "大连市知识产权服务业集聚发展区",
            [new("minCoreAreaSquareMetres", "800"), new("constructionYears", "3"), new("constructionPlanMonths", "1")]);

        var refused = await RefusedZoneAsync(coreArea: "600", round: round, city: "210200");
        refused.ShouldContain("核心区面积应不少于800平方米");
        refused.ShouldContain("核心区面积不少于800平方米（办法第七条（三））");

        var (_, _, award, _) = await Lifecycle.Established001Async(app, round, city: "210200", owner: Chains.Dalian, recommender: Chains.Dalian);
        (await Text($"SELECT end_date::text || ' ' || owner_authority FROM awards WHERE id = '{award}'")).ShouldBe($"{Today.AddYears(3).AddDays(-1):yyyy-MM-dd} 210200");
        (await Text($"SELECT due_on::text FROM applications WHERE award_id = '{award}' AND obligation_key = 'construction-plan'")).ShouldBe(Today.AddMonths(1).ToString("yyyy-MM-dd"));
    }

    // ---- Seed 003 ----

    /// <summary>A platform's application with <paramref name="served"/> and <paramref name="resident"/> firms, as its reviewers see it.</summary>
    private async Task<string> ReviewPageAsync(string served, string resident)
    {
        var (client, _, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
        var id = await ApplicantForms.StartAsync(client, "operation-platform-2026-demo");
        var submitted = await ApplicantForms.FillAndSubmitAsync(client, id, EveryProgramFormTests.Operation(served: served, resident: resident));
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(submitted.Html));
        return (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync($"/review/{id}")).Html;
    }

    [Fact]
    public Task MinResidentServiceFirms_is_below_what_the_resident_firms_are_flagged() =>
        WithSettingAsync("operation-platform", "minResidentServiceFirms", "20", async () =>
            (await ReviewPageAsync(served: "350", resident: "25")).ShouldNotContain("提示审核的指标", customMessage: "25 reaches a minimum of 20 (not the guide's 30)"));

    [Fact]
    public Task MinServedFirms_is_below_what_the_firms_served_are_flagged() =>
        WithSettingAsync("operation-platform", "minServedFirms", "400", async () =>
            (await ReviewPageAsync(served: "350", resident: "35")).ShouldContain("平台或相关服务机构可提供的知识产权服务应覆盖400家以上"));

    [Fact]
    public Task MaxBudgetTenThousandYuan_caps_the_task_book_the_budget_and_the_funds_granted() =>
        WithSettingAsync("operation-platform", "maxBudgetTenThousandYuan", "150", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
            var id = await ApplicantForms.StartAsync(client, "operation-platform-2026-demo");
            (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("XX万元（填报最高不超过150万元）");
            var submitted = await ApplicantForms.FillAndSubmitAsync(client, id, EveryProgramFormTests.Operation(planned: "120", budget: "120"));
            submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue("120 is within a cap of 150: " + Chains.Problems(submitted.Html));

            var (_, _, award, _) = await Lifecycle.Approved003Async(app, funds: "150");
            (await Text($"SELECT funds_granted::text FROM awards WHERE id = '{award}'")).ShouldBe("150.00");
            var province = await app.SignedInAsync(Chains.Province);
            (await province.SubmitAsync($"/review/awards/{award}", "保存", [new("FundsGranted", "151")])).Html.ShouldContain("“批准资金”应在0至150万元之间");
        });

    [Fact]
    public Task ImplementationMonths_is_the_implementation_period() =>
        WithSettingAsync("operation-platform", "implementationMonths", "10", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Approved003Async(app);
            (await Text($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddMonths(10).AddDays(-1).ToString("yyyy-MM-dd"));
        });

    [Fact]
    public async Task YearsWithoutMaliciousInfringement_is_how_far_back_the_platform_s_records_count()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
        await ApplicantForms.RecordCreditAsync(app, organisation, daysAgo: 400);
        (await client.GetAsync("/apply/operation-platform-2026-demo")).Html.ShouldContain("申报单位近3年内应未发生知识产权恶意侵权案件");

        await WithSettingAsync("operation-platform", "yearsWithoutMaliciousInfringement", "1", async () =>
        {
            var id = await ApplicantForms.StartAsync(client, "operation-platform-2026-demo");
            (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("本单位近1年内未发生知识产权恶意侵权案件");
        });
    }
}
