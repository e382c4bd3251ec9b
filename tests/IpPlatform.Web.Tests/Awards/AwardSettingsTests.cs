using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Every setting of seeds 004 and 002 means what its label says: each test changes one on the program's editor page (as
/// a policy editor would), observes its effect, and puts it back; a city's own copy of a module applies its own values.
/// </summary>
public sealed class AwardSettingsTests(WebFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private Task WithSettingAsync(string slug, string key, string value, Func<Task> body, string editor = "editor.province@example.com") =>
        ProgramSettings.WithAsync(app, slug, key, value, body, editor);

    [Fact]
    public Task ConstructionYears_sets_the_construction_period_and_how_many_annual_reports_fall_due() =>
        WithSettingAsync("high-value-patent", "constructionYears", "3", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Awarded004Async(app);
            (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));
            (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-report'")).ShouldBe(2, "after the first and the second year");
        });

    [Fact]
    public Task AcceptancePassScore_is_the_mark_an_assessment_must_reach() =>
        WithSettingAsync("high-value-patent", "acceptancePassScore", "60", async () =>
        {
            var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
            var acceptance = await ReadyForScoringAsync(applicant, award);
            await Lifecycle.ScoreAsync(app, acceptance, 65);
            await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), acceptance, "pass", [("opinion", "合格")]), acceptance);
            (await Lifecycle.StatusAsync(app, award)).ShouldBe("Operating", "65 passes a mark of 60 (it would fail the seed's 70)");
        });

    [Fact]
    public Task RectificationMonths_of_seed_004_is_the_time_before_the_second_assessment() =>
        WithSettingAsync("high-value-patent", "rectificationMonths", "5", async () =>
        {
            var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
            var acceptance = await ReadyForScoringAsync(applicant, award);
            await Lifecycle.ScoreAsync(app, acceptance, 50);
            await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), acceptance, "fail", [("reason", "不合格")]), acceptance);
            var second = await Lifecycle.FilingAsync(app, award, "reacceptance");
            (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{second}'")).ShouldBe(Today.AddMonths(5).ToString("yyyy-MM-dd"));
        });

    [Fact]
    public Task BanYearsAfterRevocation_is_how_long_a_revoked_centre_may_not_apply() =>
        WithSettingAsync("high-value-patent", "banYearsAfterRevocation", "1", async () =>
        {
            var (_, _, award, _) = await Lifecycle.Awarded004Async(app);
            var revoked = await (await app.SignedInAsync(Chains.Province)).SubmitAsync($"/review/awards/{award}", "撤销",
                [new("Ground", "seriousBreach"), new("Reason", "建设期内出现非正常专利申请")]);
            revoked.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(revoked.Html));
            (await app.Database.ScalarAsync<string>($"SELECT ends_on::text FROM bans WHERE award_id = '{award}'")).ShouldBe(Today.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd"));
        });

    [Fact]
    public Task TargetHighValueInventionPatents_is_the_KPI_the_count_is_measured_against() =>
        WithSettingAsync("high-value-patent", "targetHighValueInventionPatents", "20", async () =>
        {
            var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
            var acceptance = await ReadyForScoringAsync(applicant, award, grants: 10, pct: 5);
            var page = (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/review/{acceptance}")).Html;
            page.ShouldContain("20 件 / 目标 20 件，完成率 100%");
        });

    [Fact]
    public Task MaxJointApplicants_of_zero_refuses_a_joint_application_at_submit() =>
        WithSettingAsync("high-value-patent", "maxJointApplicants", "0", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app);
            var started = await client.SubmitAsync("/apply/high-value-patent-2026-demo", "开始填写申报书");
            var page = started.Location!;
            var fields = Chains.CompleteForm((await client.GetAsync(page)).Html).Where(f => f.Key != "a.joint.hasJoint").Append(new("a.joint.hasJoint", "true")).ToList();
            (await client.SubmitAsync(page, "提交申报书", fields, within: "id=\"application-form\"")).Html.ShouldContain("联合申报的知识产权服务机构不得超过0家");
        });

    [Fact]
    public Task MinIpStaff_is_the_number_of_IP_staff_an_applicant_must_have() =>
        WithSettingAsync("high-value-patent", "minIpStaff", "12", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app);
            var started = await client.SubmitAsync("/apply/high-value-patent-2026-demo", "开始填写申报书");
            var fields = Chains.CompleteForm((await client.GetAsync(started.Location!)).Html);   // five full-time and five part-time
            (await client.SubmitAsync(started.Location!, "提交申报书", fields, within: "id=\"application-form\"")).Html.ShouldContain("知识产权专兼职人员应不少于12人");
        });

    [Fact]
    public Task ValidityYears_and_AnnualSummaryMonth_set_the_filing_period_and_when_each_summary_is_due() =>
        WithSettingAsync("shenyang-info-outlet", "validityYears", "2", () => WithSettingAsync("shenyang-info-outlet", "annualSummaryMonth", "6", async () =>
        {
            var (_, _, award, _) = await Lifecycle.FiledOutletAsync(app);
            (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd"));
            (await app.Database.ScalarAsync<string>($"SELECT string_agg(to_char(due_on, 'MM-DD'), ',') FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-summary'"))
                .ShouldBe("06-30,06-30", "by the end of June in each year of the filing");
        }, "editor.shenyang@example.com"), "editor.shenyang@example.com");

    [Fact]
    public Task RectificationMonths_of_seed_002_is_the_time_given_to_rectify() =>
        WithSettingAsync("shenyang-info-outlet", "rectificationMonths", "4", async () =>
        {
            var (applicant, _, award, _) = await Lifecycle.FiledOutletAsync(app);
            await Lifecycle.AgeAsync(app, award, 400);
            var summary = await app.Database.ScalarAsync<Guid>($"SELECT id FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-summary' ORDER BY due_on LIMIT 1");
            (await Lifecycle.FileAsync(applicant, summary, [new("a.cover.year", "2027")])).RedirectsTo($"/applications/{summary}").ShouldBeTrue();
            await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), summary, "requireRectification", [("reason", "未开展服务")]), summary);
            var rectification = await Lifecycle.FilingAsync(app, award, "rectification");
            (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{rectification}'")).ShouldBe(Today.AddMonths(4).ToString("yyyy-MM-dd"));
        }, "editor.shenyang@example.com");

    [Fact]
    public Task FalseMaterialBanYears_is_how_long_no_filing_is_accepted_after_false_materials() =>
        WithSettingAsync("shenyang-info-outlet", "falseMaterialBanYears", "5", async () =>
        {
            var (_, _, award, _) = await Lifecycle.FiledOutletAsync(app);
            (await (await app.SignedInAsync(Chains.Shenyang)).SubmitAsync($"/review/awards/{award}", "撤销", [new("Ground", "falseMaterials"), new("Reason", "材料造假")]))
                .Status.ShouldBe(HttpStatusCode.Redirect);
            (await app.Database.ScalarAsync<string>($"SELECT ends_on::text FROM bans WHERE award_id = '{award}'")).ShouldBe(Today.AddYears(5).AddDays(-1).ToString("yyyy-MM-dd"));
        }, "editor.shenyang@example.com");

    [Fact]
    public Task PublicNoticeWorkingDays_is_the_length_a_new_publicity_is_given() =>
        WithSettingAsync("shenyang-info-outlet", "publicNoticeWorkingDays", "7", async () =>
        {
            var page = (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync("/review/publicity?round=shenyang-info-outlet-2026-demo")).Html;
            page.ShouldContain("id=\"WorkingDays\" name=\"WorkingDays\" value=\"7\"");
        }, "editor.shenyang@example.com");

    [Fact]
    public Task MinFullTimeStaff_is_counted_from_the_application_s_own_team() =>
        WithSettingAsync("shenyang-info-outlet", "minFullTimeStaff", "4", async () =>
        {
            var (client, _, _) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
            var started = await client.SubmitAsync("/apply/shenyang-info-outlet-2026-demo", "开始填写申报书");
            var fields = Chains.CompleteForm((await client.GetAsync(started.Location!)).Html).Where(f => f.Key != "a.team.fullTimeStaff").Append(new("a.team.fullTimeStaff", "3")).ToList();
            (await client.SubmitAsync(started.Location!, "提交申报书", fields, within: "id=\"application-form\"")).Html.ShouldContain("应配备4名以上专职人员");
        }, "editor.shenyang@example.com");

    [Fact]
    public async Task A_city_s_own_copy_of_a_provincial_module_applies_its_own_settings()
    {
        // 大连 runs its own copy of the high-value patent centres with a three-year construction period.
        var dalian = await app.SignedInAsync("editor.dalian@example.com");
        var slug = $"dalian-hvp-{Guid.NewGuid():N}"[..20];
        var created = await dalian.SubmitAsync("/editor/programs/new?Module=high-value-patent", "创建",
            [new("Name", "大连市高价值专利培育中心"), new("Slug", slug), new("Owner", "210200"), new("Settings[constructionYears]", "3")]);
        created.RedirectsTo($"/editor/programs/{slug}").ShouldBeTrue(Chains.Problems(created.Html));
        var now = DateTime.UtcNow.AddHours(8);
        var round = slug + "-r";
        (await dalian.SubmitAsync($"/editor/programs/{slug}", "保存批次",
            [new("Round.Key", round), new("Round.Year", now.Year.ToString()), new("Round.Title", "大连培育中心认定"), new("Round.Closes", now.AddDays(30).ToString("yyyy-MM-ddTHH:mm"))]))
            .Status.ShouldBe(HttpStatusCode.Redirect);

        // The applicant's city first, then 大连 — the authority running the copy — does the province's steps under its own reviewer role.
        var (_, organisation, _) = await Chains.OrganisationAsync(app);
        var id = await Chains.SubmittedDirectlyAsync(app, round, organisation);
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "pass", [("opinion", "材料初审合格，同意推荐")]), id);
        var reviewer = await app.SignedInAsync(Chains.Dalian);
        (await reviewer.GetAsync("/review")).Html.ShouldContain($"/review/{id}", customMessage: "waiting for 大连");
        await Lifecycle.OkAsync(Chains.ActAsync(reviewer, id, "forward", [("opinion", "复核通过")]), id);
        await Lifecycle.OkAsync(Chains.ActAsync(reviewer, id, "select", [("opinion", "择优认定")]), id);
        await Lifecycle.PublicizeAndEndAsync(app, reviewer, round, id, "大连市高价值专利培育中心拟认定名单公示");

        var award = await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'");
        (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(Today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"), "the copy's three years, not the province's two");
        (await app.Database.ScalarAsync<string>($"SELECT owner_authority FROM awards WHERE id = '{award}'")).ShouldBe("210200");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-report'")).ShouldBe(2);
    }

    /// <summary>A centre at the end of its construction period, its acceptance filed, forwarded and with the experts.</summary>
    private async Task<Guid> ReadyForScoringAsync(FormClient applicant, Guid award, int grants = 20, int pct = 5)
    {
        await Lifecycle.AgeAsync(app, award, 1100);
        var acceptance = await Lifecycle.FilingAsync(app, award, "acceptance");
        var filed = await Lifecycle.FileAsync(applicant, acceptance, HighValuePatentAwardTests.Kpi(grants, pct));
        filed.RedirectsTo($"/applications/{acceptance}").ShouldBeTrue(Chains.Problems(filed.Html));
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), acceptance, "forward"), acceptance);
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), acceptance, "toExperts"), acceptance);
        return acceptance;
    }
}
