using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// What keeps an award's record honest once it is made: drafts stay the awardee's until filed, funds are recorded once
/// and in order, the clock does not overtake a renewal filed in time, what an ended award owes is closed, a ban bars an
/// award as it bars an application, conflicts of interest reach the checks an award obliges, a panel decides on all its
/// scores, and the award's history can be verified.
/// </summary>
public sealed class AwardSafeguardsTests(WebFixture app)
{
    [Fact]
    public async Task Reviewers_see_that_an_obligation_is_due_but_not_the_awardee_s_draft()
    {
        var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
        await Lifecycle.AgeAsync(app, award, 380);
        var report = await Lifecycle.FilingAsync(app, award, "annual-report");
        var page = $"/applications/{report}";
        (await applicant.SubmitAsync(page, "上传", [], [("file", "草稿附件.pdf", TestData.Pdf)], within: "id=\"upload-")).Status.ShouldBe(HttpStatusCode.Redirect);
        await applicant.PostAsync(page, [new("a.operation.overview", "尚未定稿的运行情况")], $"{page}/Save");

        var reviewer = await app.SignedInAsync(Chains.Shenyang);
        var review = (await reviewer.GetAsync($"/review/{report}")).Html;
        review.ShouldContain("尚未报送");
        review.ShouldNotContain("尚未定稿的运行情况");
        review.ShouldNotContain("草稿附件.pdf");
        var slot = await app.Database.ScalarAsync<string>($"SELECT slot FROM application_files WHERE application_id = '{report}'");
        (await reviewer.Http.GetAsync($"/review/{report}/file?slot={slot}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Funds_are_recorded_in_order_once_against_the_version_shown_and_not_after_a_revocation()
    {
        var (_, _, award, _) = await Lifecycle.Awarded004Async(app);
        var province = await app.SignedInAsync(Chains.Province);
        var page = $"/review/awards/{award}";

        (await province.SubmitAsync(page, "保存", [new("FundsGranted", ""), new("FundsDisbursed", "30")])).Html.ShouldContain("填写“已拨付资金”前，请先填写“批准资金”");
        var stale = RenderedForms.WithButton((await province.GetAsync(page)).Html, page, "保存").Form.Fields.First(f => f.Key == "Version").Value;
        (await province.SubmitAsync(page, "保存", [new("FundsGranted", "200.004")])).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.Database.ScalarAsync<decimal>($"SELECT funds_granted FROM awards WHERE id = '{award}'")).ShouldBe(200.00m);

        // A second reviewer's page opened before that save cannot overwrite it.
        var overwrite = await province.PostAsync(page, [new("Version", stale), new("FundsGranted", "150")], $"{page}/Document");
        overwrite.Html.ShouldContain("该称号刚被他人修改过，请刷新页面后再保存");
        (await app.Database.ScalarAsync<decimal>($"SELECT funds_granted FROM awards WHERE id = '{award}'")).ShouldBe(200.00m);

        (await province.SubmitAsync(page, "撤销", [new("Ground", "seriousBreach"), new("Reason", "建设期内出现非正常专利申请")])).Status.ShouldBe(HttpStatusCode.Redirect);
        var version = await app.Database.ScalarAsync<string>($"SELECT xmin::text FROM awards WHERE id = '{award}'");
        (await province.PostAsync(page, [new("Version", version), new("FundsGranted", "100")], $"{page}/Document")).Html.ShouldContain("文号与资金不能再修改");
    }

    [Fact]
    public async Task A_renewal_filed_in_time_is_decided_before_the_filing_can_expire()
    {
        var (applicant, _, award, _) = await Lifecycle.FiledOutletAsync(app);
        await Lifecycle.AgeAsync(app, award, 3 * 365 - 30);
        var renewal = await Lifecycle.FilingAsync(app, award, "renewal");
        (await Lifecycle.FileAsync(applicant, renewal)).RedirectsTo($"/applications/{renewal}").ShouldBeTrue();

        await Lifecycle.AgeAsync(app, award, 40);
        await Chains.RunTimersAsync(app);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Operating", "the renewal filed on time is still being reviewed");

        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), renewal, "renew", [("opinion", "复审合格")]), renewal);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Renewed");
    }

    [Fact]
    public async Task What_a_revoked_award_was_returned_to_correct_is_closed_and_cannot_be_filed_again()
    {
        var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
        await Lifecycle.AgeAsync(app, award, 380);
        var report = await Lifecycle.FilingAsync(app, award, "annual-report");
        (await Lifecycle.FileAsync(applicant, report)).RedirectsTo($"/applications/{report}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), report, "return",
            [("corrections", "补充资金使用明细"), ("reason", "资金使用情况不清"), ("deadline", Chains.Today)]), report);

        var province = await app.SignedInAsync(Chains.Province);
        (await province.SubmitAsync($"/review/awards/{award}", "撤销", [new("Ground", "seriousBreach"), new("Reason", "存在严重失信行为")])).Status.ShouldBe(HttpStatusCode.Redirect);
        (await applicant.GetAsync($"/applications/{report}")).Html.ShouldContain("该称号（资格）已撤销，无需再报送");

        await Chains.RunTimersAsync(app);
        (await Lifecycle.StateAsync(app, report)).ShouldBe("closed");
    }

    [Fact]
    public async Task A_ban_bars_an_inclusion_and_an_award_as_it_bars_an_application()
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var code = await app.Database.ScalarAsync<string>($"SELECT credit_code FROM organisations WHERE id = '{organisation}'");
        await BanAsync(organisation, "info-outlet");
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var included = (await shenyang.SubmitFormAsync("/review?program=shenyang-info-outlet", f => f.Fields.Contains(KeyValuePair.Create("action", "include")),
            [new("include.creditCode", code), new("include.level", "国家知识产权信息公共服务网点"), new("include.basis", "国家知识产权局公告第1号")]))!;
        included.Html.ShouldContain("前不得纳入本项目", customMessage: Chains.Problems(included.Html));

        // A ban imposed while a zone's application was reviewed bars the 设立 decided afterwards.
        var (zone, zoneOrganisation, _) = await Chains.OrganisationAsync(app, type: "DevelopmentZoneCommittee");
        var id = await Chains.SubmittedDirectlyAsync(app, "service-cluster-2026-demo", zoneOrganisation);
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, id, "recommend", [("a.cityReview.opinion", "同意推荐"), ("a.cityReview.date", Chains.Today)], [("recommend.letter", "推荐函.pdf", TestData.Pdf)]), id);
        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "assess", [("opinion", "通过")]), id);
        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "approve", [("opinion", "通过")]), id);
        await Lifecycle.PublicizeAndEndAsync(app, province, "service-cluster-2026-demo", id, "集聚区拟设立名单公示");
        await BanAsync(zoneOrganisation, "service-cluster");
        (await Chains.ActAsync(province, id, "establish", [("decisionDate", Chains.Today), ("documentNumber", "辽知发〔2026〕88号")])).Html.ShouldContain("前不得申报本项目，不能授予");
        (await Chains.StateAsync(app, id)).ShouldBe("awaitingDocument");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM awards WHERE application_id = '{id}'")).ShouldBe(0);
    }

    private Task BanAsync(Guid organisation, string module) => app.Database.ScalarAsync<int>($"""
        INSERT INTO bans (id, organisation_id, module_id, reason, starts_on, ends_on, authority, created_at, created_by)
        VALUES ('{Guid.CreateVersion7()}', '{organisation}', '{module}', '因提供虚假材料被撤销资格', current_date, current_date + 365, '210000', now(), '审核员')
        """);

    [Fact]
    public async Task An_expert_working_for_the_joint_applicant_is_not_offered_to_score_the_centre_s_acceptance()
    {
        var joint = TestData.NewCreditCode();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staff = string.Join(",", Enumerable.Range(0, 3).Select(i => $$"""
            { "email": "acc{{i}}.{{suffix}}@example.com", "name": "验收专家{{suffix}}{{i}}", "password": "Expert#2026ok", "expertise": "专利分析", "totpKey": "JBSWY3DPEHPK3PXP",
              "roles": [ { "role": "expert", "authority": "210000" } ], "employer": "{{(i == 0 ? "联合申报单位" : "专家单位" + i)}}",
              "employerCreditCode": "{{(i == 0 ? joint : TestData.NewCreditCode())}}" }
            """));
        await app.RunRecipeAsync(RecipeSource.FromStream($"experts-{suffix}.recipe.json",
            new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "name": "experts-{{suffix}}", "steps": [ { "step": "staff", "staff": [ {{staff}} ] } ] }"""))));

        var (applicant, organisation, _) = await Chains.OrganisationAsync(app);
        var id = await Chains.SubmittedDirectlyAsync(app, "high-value-patent-2026-demo", organisation, new JsonObject
        {
            ["joint"] = new JsonObject { ["hasJoint"] = "true" }, ["jointUnit"] = new JsonObject { ["name"] = "联合申报知识产权代理有限公司", ["creditCode"] = joint },
        });
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "pass", [("opinion", "同意推荐")]), id);
        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "forward", [("opinion", "复核通过")]), id);
        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "select", [("opinion", "择优认定")]), id);
        await Lifecycle.PublicizeAndEndAsync(app, province, "high-value-patent-2026-demo", id, "拟认定名单公示");
        var award = await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'");
        await Lifecycle.AgeAsync(app, award, 1100);
        var acceptance = await Lifecycle.FilingAsync(app, award, "acceptance");
        (await Lifecycle.FileAsync(applicant, acceptance, HighValuePatentAwardTests.Kpi(20, 5))).RedirectsTo($"/applications/{acceptance}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), acceptance, "forward"), acceptance);
        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "toExperts"), acceptance);

        var page = (await province.GetAsync($"/review/{acceptance}")).Html;
        page.ShouldContain($"验收专家{suffix}1");
        page.ShouldNotContain($"验收专家{suffix}0", customMessage: "employed by the joint applicant named in the application that won the award");
    }

    [Fact]
    public async Task A_check_is_decided_on_the_whole_panel_s_scores()
    {
        var (applicant, _, award, _) = await Lifecycle.Awarded004Async(app);
        await Lifecycle.AgeAsync(app, award, 1100);
        var acceptance = await Lifecycle.FilingAsync(app, award, "acceptance");
        (await Lifecycle.FileAsync(applicant, acceptance, HighValuePatentAwardTests.Kpi(20, 5))).RedirectsTo($"/applications/{acceptance}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), acceptance, "forward"), acceptance);
        var province = await app.SignedInAsync(Chains.Province);
        await Lifecycle.OkAsync(Chains.ActAsync(province, acceptance, "toExperts"), acceptance);
        await Lifecycle.ScoreAsync(app, acceptance, 85);
        var second = System.Text.RegularExpressions.Regex.Match((await province.GetAsync($"/review/{acceptance}")).Html, "name=\"experts\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        (await province.SubmitAsync($"/review/{acceptance}", "分配所选专家", [new("experts", second)])).Status.ShouldBe(HttpStatusCode.Redirect);

        (await Chains.ActAsync(province, acceptance, "pass", [("opinion", "合格")])).Html.ShouldContain("还有1位专家尚未提交评分，全部提交后方可决定");
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Construction");
    }

    [Fact]
    public async Task The_award_s_history_verifies_and_a_changed_event_is_found()
    {
        var (_, _, award, _) = await Lifecycle.Awarded004Async(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, _, problems) = await scope.ServiceProvider.GetRequiredService<VerifyAwardHistory>().RunAsync();
            problems.ShouldNotContain(p => p.AwardId == award);
        }

        await app.Database.ScalarAsync<int>($"""
            ALTER TABLE award_events DISABLE TRIGGER award_events_append_only;
            UPDATE award_events SET label = '授予（已改动）' WHERE award_id = '{award}' AND sequence = 1;
            ALTER TABLE award_events ENABLE TRIGGER award_events_append_only;
            """);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, _, problems) = await scope.ServiceProvider.GetRequiredService<VerifyAwardHistory>().RunAsync();
            problems.ShouldContain(p => p.AwardId == award && p.Problem == "第1条记录的内容与其哈希值不符（记录被改动过）");
        }
    }
}
