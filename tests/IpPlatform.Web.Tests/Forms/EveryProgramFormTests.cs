using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Awards;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Forms;

/// <summary>
/// Each program's real application form, filled through its pages as an applicant fills it — every required field,
/// tables, attachments, declarations — and submitted; the organisation's certified name and credit code go in whatever
/// is posted; and each program's own eligibility rules refuse (or, for seed 003, flag) what the policy text excludes.
/// </summary>
public sealed class EveryProgramFormTests(WebFixture app)
{
    private static Task<Guid> StartAsync(FormClient client, string round) => ApplicantForms.StartAsync(client, round);

    private static Task<PageResponse> FillAndSubmitAsync(FormClient client, Guid id, params (string Key, string Value)[] answers) =>
        ApplicantForms.FillAndSubmitAsync(client, id, answers);

    private async Task<(string Name, string Code)> ProfileAsync(Guid organisation) =>
        (await app.Database.ScalarAsync<string>($"SELECT name FROM organisations WHERE id = '{organisation}'"),
         await app.Database.ScalarAsync<string>($"SELECT credit_code FROM organisations WHERE id = '{organisation}'"));

    private Task<string> SubmittedAsync(Guid id, string section, string field) =>
        app.Database.ScalarAsync<string>($"SELECT answers->'{section}'->>'{field}' FROM application_submissions WHERE application_id = '{id}' ORDER BY number DESC LIMIT 1");

    [Fact]
    public async Task Seed_000_the_applicant_fills_the_申请书_and_its_name_and_credit_code_are_the_certified_ones()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
        var (name, code) = await ProfileAsync(organisation);
        var id = await StartAsync(client, "brand-institution-2026-demo");

        // Opened with the profile: the name read-only (never posted), the address and contacts ready to change.
        var page = (await client.GetAsync($"/applications/{id}")).Html;
        page.ShouldContain($"value=\"{name}\" readonly");
        page.ShouldContain("由平台按本单位认证信息填写，不能在此修改");
        page.ShouldContain("value=\"沈阳市铁西区测试路1号\"");
        Regex.IsMatch(page, "name=\"a\\.basic\\.name\"").ShouldBeFalse("the locked name has no input a page could post");

        var submitted = await FillAndSubmitAsync(client, id,
            ("a.business.fieldShares.0", "60"), ("a.business.fieldShares.1", "40"), ("a.business.fieldShares.2", "0"), ("a.business.fieldShares.3", "0"),
            ("a.business.fieldShares.4", "0"), ("a.business.fieldShares.5", "0"), ("a.business.fieldShares.6", "0"),
            ("a.basic.name", "冒名单位"), ("a.basic.licenceNo", "91110000000000000X"));
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(submitted.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        (await SubmittedAsync(id, "basic", "name")).ShouldBe(name, "a posted name is ignored");
        (await SubmittedAsync(id, "basic", "licenceNo")).ShouldBe(code);
        (await SubmittedAsync(id, "cover", "coverName")).ShouldBe(name);
    }

    [Fact]
    public async Task Seed_000_sanctions_on_record_within_the_set_years_bar_an_institution_from_starting()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
        await ApplicantForms.RecordCreditAsync(app, organisation, daysAgo: 400);

        var precheck = (await client.GetAsync("/apply/brand-institution-2026-demo")).Html;
        precheck.ShouldContain("培育机构近2年应无惩戒");
        precheck.ShouldContain("平台记录：");
        (await client.PostAsync("/apply/brand-institution-2026-demo", [], "/apply/brand-institution-2026-demo")).Html.ShouldContain("培育机构近2年应无惩戒");
    }

    [Fact]
    public async Task Seed_001_a_zone_applies_with_the_counts_and_area_article_7_asks_for()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, type: "DevelopmentZoneCommittee");
        var (name, _) = await ProfileAsync(organisation);
        var id = await StartAsync(client, "service-cluster-2026-demo");
        var page = (await client.GetAsync($"/applications/{id}")).Html;
        page.ShouldContain("核心区面积不少于500平方米（办法第七条（三））", customMessage: "the hint quotes the program's own setting");
        page.ShouldContain("其中物理性集聚机构数量");

        var submitted = await FillAndSubmitAsync(client, id, ("a.basic.coreArea", "600"), ("a.foundation.institutionCount", "12"), ("a.foundation.physicalInstitutionCount", "9"));
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(submitted.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        (await SubmittedAsync(id, "basic", "builder")).ShouldBe(name);
    }

    [Fact]
    public async Task Seed_001_too_few_institutions_or_too_small_a_core_area_is_refused_naming_each_condition()
    {
        var (client, _, _) = await Chains.OrganisationAsync(app, type: "CountyGovernment");
        var id = await StartAsync(client, "service-cluster-2026-demo");

        var refused = (await FillAndSubmitAsync(client, id, ("a.basic.coreArea", "450"), ("a.foundation.institutionCount", "9"), ("a.foundation.physicalInstitutionCount", "7"))).Html;
        refused.ShouldContain("现有物理性集聚", customMessage: Chains.Problems(refused));
        refused.ShouldContain("功能性集聚知识产权服务机构应在10家以上");
        refused.ShouldContain("物理性集聚知识产权服务机构应在8家以上");
        refused.ShouldContain("核心区面积应不少于500平方米");
        (await Chains.StateAsync(app, id)).ShouldBe("draft");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'basic'->>'coreArea' FROM applications WHERE id = '{id}'")).ShouldBe("450", "what was typed is kept");
    }

    [Fact]
    public async Task Seed_001_an_enterprise_is_not_a_builder_of_a_zone()
    {
        var (client, _, _) = await Chains.OrganisationAsync(app);

        (await client.PostAsync("/apply/service-cluster-2026-demo", [], "/apply/service-cluster-2026-demo")).Html
            .ShouldContain("集聚区建设主体应为高新技术产业开发区、经济技术开发区管委会，或者产业集聚的县(市、区)人民政府");
    }

    [Fact]
    public async Task Seed_002_an_outlet_fills_the_备案申报表_and_an_organisation_of_another_city_cannot_start()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var (name, _) = await ProfileAsync(organisation);
        var id = await StartAsync(client, "shenyang-info-outlet-2026-demo");
        (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("第四条：3名以上");

        var submitted = await FillAndSubmitAsync(client, id, ("a.team.fullTimeStaff", "4"));
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(submitted.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("districtReview");
        (await SubmittedAsync(id, "basic", "name")).ShouldBe(name);

        var (dalian, _, _) = await Chains.OrganisationAsync(app, district: "", type: "SocialOrganisation", city: "210200");
        (await dalian.PostAsync("/apply/shenyang-info-outlet-2026-demo", [], "/apply/shenyang-info-outlet-2026-demo")).Html.ShouldContain("申请备案的服务机构应在本市行政区域内注册或登记");
    }

    [Fact]
    public async Task Seed_003_only_an_exchange_or_a_cluster_operator_may_apply()
    {
        var (enterprise, _, _) = await Chains.OrganisationAsync(app);
        (await enterprise.GetAsync("/apply/operation-platform-2026-demo")).Html.ShouldContain("支持主体为省内技术产权（知识产权）交易中心、知识产权服务业集聚区建设的管理运营机构");
        (await enterprise.PostAsync("/apply/operation-platform-2026-demo", [], "/apply/operation-platform-2026-demo")).Html.ShouldContain("贵单位登记的单位类型不在其列");

        var (operatorClient, _, _) = await Chains.OrganisationAsync(app, type: "ClusterOperator");
        var id = await StartAsync(operatorClient, "operation-platform-2026-demo");
        var submitted = await FillAndSubmitAsync(operatorClient, id, Operation());
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(submitted.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
    }

    /// <summary>Seed 003's figures within its rules (30+ resident firms, 300+ served, the task book and budget within 100万元).</summary>
    internal static (string, string)[] Operation(string served = "350", string resident = "35", string planned = "80", string budget = "40") =>
    [
        ("a.foundation.servedFirms", served), ("a.foundation.serviceAgencies", resident), ("a.taskBook.plannedFunding", planned),
        ("a.budget.items.0.amount", budget), ("a.taskBook.schedule.0.budget", budget),
    ];

    [Fact]
    public async Task Seed_003_the_task_book_and_the_budget_are_capped_by_the_program_s_support()
    {
        var (client, _, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
        var id = await StartAsync(client, "operation-platform-2026-demo");
        (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("XX万元（填报最高不超过100万元）");

        var refused = (await FillAndSubmitAsync(client, id, Operation(planned: "120", budget: "101"))).Html;
        refused.ShouldContain("任务书“拟计划使用项目经费”最高不超过100万元");
        refused.ShouldContain("“四、经费预算（成本测算）”预算金额合计不得超过100万元");
        refused.ShouldContain("任务书“项目时间进度安排及实施内容”预算资金合计不得超过100万元");
        (await Chains.StateAsync(app, id)).ShouldBe("draft");
    }

    [Fact]
    public async Task Seed_003_figures_below_the_minimums_are_flagged_and_the_province_accepts_them_only_with_a_reason()
    {
        var (client, _, _) = await Chains.OrganisationAsync(app, type: "TechnologyExchange");
        var id = await StartAsync(client, "operation-platform-2026-demo");
        var submitted = await FillAndSubmitAsync(client, id, Operation(served: "260", resident: "25"));
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue("a figure below a relaxable minimum does not block: " + Chains.Problems(submitted.Html));

        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var review = (await shenyang.GetAsync($"/review/{id}")).Html;
        review.ShouldContain("提示审核的指标");
        review.ShouldContain("平台或相关服务机构可提供的知识产权服务应覆盖300家以上");
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, id, "recommend", [("a.recommendation.opinion", "true"), ("a.recommendation.date", Chains.Today), ("opinion", "同意推荐")]), id);

        var province = await app.SignedInAsync(Chains.Province);
        (string, string)[] approve = [("a.acceptance.acceptanceNo", "YY-2026-009"), ("funds", "100"), ("opinion", "予以立项")];
        var refused = (await Chains.ActAsync(province, id, "approve", approve)).Html;
        refused.ShouldContain("申报数据低于下限");
        refused.ShouldContain("请在“放宽数量限制的理由”中写明理由");
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");

        await Lifecycle.OkAsync(Chains.ActAsync(province, id, "approve", [.. approve, ("relaxation", "该平台采用线上撮合的特色模式，近一年服务企业数增长较快，同意适当放宽")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("approved");
    }
}
