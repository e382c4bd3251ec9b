using System.Net;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Queues;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests;

/// <summary>The platform as <c>./ipp run</c> starts it: the site recipe, the demo recipe and the demo's living year.</summary>
public sealed class DemoYearPlatform : PlatformFactory
{
    protected override IEnumerable<string> ExtraRecipes => ["recipes/demo.recipe.json", "recipes/demo-year.recipe.json"];
}

/// <summary>
/// The demo's living year (recipes/demo-year.recipe.json): every program has applications at every stage its chain has,
/// made by the platform's own use cases (history, audit), every demo account has something to do, and running the recipe
/// again changes nothing.
/// </summary>
public sealed class DemoYearTests(DemoYearPlatform app) : IClassFixture<DemoYearPlatform>
{
    private static readonly string[] Rounds =
        ["high-value-patent-2026-demo", "brand-institution-2026-demo", "service-cluster-2026-demo", "shenyang-info-outlet-2026-demo", "operation-platform-2026-demo"];

    private static JsonObject Recipe => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "recipes", "demo-year.recipe.json")))!.AsObject();

    private Task<long> CountAsync(string sql) => app.Database.ScalarAsync<long>(sql);

    private Task<long> InStateAsync(string round, string phase) => CountAsync($"""
        SELECT count(*) FROM workflow_instances i JOIN rounds r ON r.id = i.round_id
        WHERE r.key = '{round}' AND i.kind = 'Application' AND i.phase = '{phase}'
        """);

    [Fact]
    public async Task The_journeys_act_as_each_account_would_when_signed_in_province_roles_held_at_the_province()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actors = scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Workflows.IAccountActors>();

        var province = (await actors.FindByEmailAsync("reviewer.province@example.com")).ShouldNotBeNull();
        province.Grants.ShouldContain(g => g.Role == "provinceReviewer" && g.Authority == "210000" && g.AtProvince);
        var shenyang = (await actors.FindByEmailAsync("reviewer.shenyang@example.com")).ShouldNotBeNull();
        shenyang.Grants.ShouldAllBe(g => !g.AtProvince);
        shenyang.Reaches("210200", null, "210200").ShouldBeFalse("沈阳's reviewer does not reach 大连");
        province.Reaches("210200", null, "210200").ShouldBeTrue();
    }

    [Fact]
    public async Task Every_program_has_drafts_submissions_returns_and_later_stages()
    {
        foreach (var round in Rounds)
        {
            (await InStateAsync(round, "Draft")).ShouldBeGreaterThanOrEqualTo(1, round);
            (await InStateAsync(round, "Review")).ShouldBeGreaterThanOrEqualTo(2, round);
            (await InStateAsync(round, "Returned")).ShouldBeGreaterThanOrEqualTo(1, round);
            (await CountAsync($"""
                SELECT count(*) FROM workflow_instances i JOIN rounds r ON r.id = i.round_id
                WHERE r.key = '{round}' AND i.state = 'returned' AND i.deadline >= (now() AT TIME ZONE 'Asia/Shanghai')::date
                """)).ShouldBeGreaterThanOrEqualTo(1, $"{round}: a return whose deadline has not passed");
        }

        foreach (var round in new[] { "high-value-patent-2026-demo", "shenyang-info-outlet-2026-demo" })
        {
            (await CountAsync($"""
                SELECT count(*) FROM workflow_instances i JOIN rounds r ON r.id = i.round_id
                WHERE r.key = '{round}' AND (i.state = 'overdue' OR (i.state = 'returned' AND i.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date))
                """)).ShouldBe(1, $"{round}: a correction left overdue");
        }

        foreach (var round in new[] { "high-value-patent-2026-demo", "brand-institution-2026-demo" })
        {
            (await CountAsync($"SELECT count(*) FROM workflow_instances i JOIN rounds r ON r.id = i.round_id WHERE r.key = '{round}' AND i.state = 'expertReview'"))
                .ShouldBeGreaterThanOrEqualTo(1, round);
            (await CountAsync($"SELECT count(*) FROM expert_assignments e JOIN applications a ON a.id = e.application_id JOIN rounds r ON r.id = a.round_id WHERE r.key = '{round}'"))
                .ShouldBeGreaterThanOrEqualTo(2, round);
        }

        foreach (var round in new[] { "high-value-patent-2026-demo", "brand-institution-2026-demo", "service-cluster-2026-demo", "shenyang-info-outlet-2026-demo" })
        {
            (await CountAsync($"""
                SELECT count(*) FROM objections o JOIN public_notices n ON n.id = o.public_notice_id JOIN rounds r ON r.id = n.round_id
                WHERE r.key = '{round}' AND n.state = 'Open' AND o.state = 'Open'
                """)).ShouldBe(1, $"{round}: a 公示 with an objection to handle");
        }

        foreach (var round in new[] { "service-cluster-2026-demo", "shenyang-info-outlet-2026-demo", "operation-platform-2026-demo" })
        {
            (await InStateAsync(round, "Approved")).ShouldBe(1, round);
            (await CountAsync($"""
                SELECT count(*) FROM applications f JOIN awards w ON w.id = f.award_id JOIN rounds r ON r.id = w.round_id
                WHERE r.key = '{round}' AND f.kind = 'Obligation'
                """)).ShouldBeGreaterThanOrEqualTo(1, $"{round}: an award with its obligations");
        }
    }

    [Fact]
    public async Task What_happened_was_done_by_people_through_the_services_with_history_and_audit()
    {
        (await CountAsync("SELECT count(*) FROM workflow_history h JOIN users u ON u.id = h.actor_id WHERE u.email = 'reviewer.shenyang@example.com' AND h.action = 'return'"))
            .ShouldBeGreaterThanOrEqualTo(2);
        (await CountAsync("SELECT count(*) FROM workflow_history WHERE action = 'publicityPassed' AND actor_id IS NULL")).ShouldBe(2 + 4 + 3 + 2 + 2);   // 002 in 2026, 2025's four outlets, three clusters, two centres and two institutions
        (await CountAsync("SELECT count(*) FROM audit_log WHERE event = 'workflow.submit' AND actor_id IS NOT NULL")).ShouldBeGreaterThanOrEqualTo(20);
        (await CountAsync("SELECT count(*) FROM audit_log WHERE event IN ('expert.scored', 'publicity.created', 'publicity.objection', 'application.file-attached')"))
            .ShouldBeGreaterThanOrEqualTo(30);
        // Each step on its date: the first submissions weeks before today, as the recipe dates them.
        (await app.Database.ScalarAsync<DateTime>("SELECT min(at) FROM workflow_history WHERE action = 'submit'")).ShouldBeLessThan(new DateTime(2026, 11, 3));

        await using var scope = app.Services.CreateAsyncScope();
        var (instances, entries, problems) = await scope.ServiceProvider.GetRequiredService<WorkflowHistory>().VerifyAllAsync();
        problems.ShouldBeEmpty();
        entries.ShouldBeGreaterThan(instances * 2);
        (await scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Awards.VerifyAwardHistory>().RunAsync()).Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_demo_account_has_something_to_do_on_first_sign_in()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actors = scope.ServiceProvider.GetRequiredService<IAccountActors>();
        var queue = scope.ServiceProvider.GetRequiredService<ReviewQueue>();
        foreach (var reviewer in new[] { "reviewer.province@example.com", "reviewer.shenyang@example.com", "reviewer.dalian@example.com", "reviewer.heping@example.com" })
        {
            var actor = (await actors.FindByEmailAsync(reviewer))!;
            (await queue.PageAsync(actor, new QueueFilter(Todo: true))).Total.ShouldBeGreaterThan(0, reviewer);
        }

        foreach (var expert in new[] { "expert.province@example.com", "expert.shenyang@example.com", "expert.dalian@example.com" })
        {
            (await CountAsync($"SELECT count(*) FROM expert_assignments e JOIN users u ON u.id = e.expert_id WHERE u.email = '{expert}' AND e.state <> 'Submitted'"))
                .ShouldBeGreaterThan(0, expert);
        }

        // The demo recipe's organisations (the accounts ./ipp run prints) each have a draft to finish, a correction to make or
        // news in their inbox; the uncertified one, its certification.
        foreach (var email in DemoAccounts.OrganisationAdminEmails.Where(e => e != "equipment.admin@example.com"))
        {
            (await TasksOfAsync(email)).ShouldBeGreaterThan(0, email);
        }

        // The living year's own organisations: the same, or (those just submitted) an application waiting for its first review,
        // or (the two uncertified) their certification materials under review.
        foreach (var email in Recipe["steps"]![0]!["organisations"]!.AsArray().Select(o => (string)o!["admin"]!["email"]!))
        {
            (await TasksOfAsync(email) + await CountAsync($"""
                SELECT (SELECT count(*) FROM workflow_instances i JOIN users u ON u.organisation_id = i.organisation_id WHERE u.email = '{email}' AND i.phase = 'Review')
                     + (SELECT count(*) FROM certification_requests c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = '{email}')
                """)).ShouldBeGreaterThan(0, email);
        }

        // Administrators: a certification request waiting in their area, submitted by the organisation's administrator.
        (await CountAsync("SELECT count(*) FROM audit_log WHERE event = 'organisation.certification-submitted'")).ShouldBe(2);
        foreach (var (admin, organisation) in new[]
                 {
                     ("admin.province@example.com", "大连示例新材料有限公司"), ("admin.shenyang@example.com", "沈阳示例知识产权代理有限公司"),
                     ("admin.heping@example.com", "沈阳示例知识产权代理有限公司"), ("admin.dalian@example.com", "大连示例新材料有限公司"),
                 })
        {
            (await (await app.SignedInAsync(admin)).GetAsync("/staff/certifications")).Html.ShouldContain(organisation, customMessage: admin);
        }

        // Policy editors: a notice of their authority saved as a draft, to finish and publish.
        foreach (var (editor, title) in new[]
                 {
                     ("editor.province@example.com", "关于组织申报2027年度辽宁省高价值专利培育中心的通知（草稿）"),
                     ("editor.shenyang@example.com", "关于开展2026年度知识产权信息公共服务网点工作总结报送的通知（草稿）"),
                     ("editor.dalian@example.com", "关于推荐2027年度知识产权服务品牌机构培育对象的通知（草稿）"),
                     ("editor.heping@example.com", "关于做好辖区知识产权信息公共服务网点推荐工作的通知（草稿）"),
                 })
        {
            var notices = (await (await app.SignedInAsync(editor)).GetAsync("/editor/notices")).Html;
            notices.ShouldContain(title, customMessage: editor);
            notices.ShouldContain("草稿", customMessage: editor);
        }

        // and on the pages: the city reviewer's queue, an expert's sheets, an applicant's correction
        var shenyang = await app.SignedInAsync("reviewer.shenyang@example.com");
        (await shenyang.GetAsync("/review")).Html.ShouldContain("沈阳示例高新技术产业开发区管理委员会");
        var expertPage = await (await app.SignedInAsync("expert.shenyang@example.com")).GetAsync("/expert");
        expertPage.Html.ShouldContain("（声明后可见）");
        expertPage.Html.ShouldContain("2026年度辽宁省高价值专利培育中心（演示批次）");
        var applicant = await app.SignedInAsync("materials.admin@example.com");
        (await applicant.GetAsync("/inbox")).Html.ShouldContain("补正");
    }

    private Task<long> TasksOfAsync(string email) => CountAsync($"""
        SELECT (SELECT count(*) FROM applications a JOIN users u ON u.organisation_id = a.organisation_id WHERE u.email = '{email}' AND a.status IN ('Draft', 'Returned'))
             + (SELECT count(*) FROM notifications n JOIN users u ON u.organisation_id = n.organisation_id WHERE u.email = '{email}')
        """);

    private Task<long> FilingsAsync(string email, string obligation, string state, string period = "", string round = "shenyang-info-outlet-2025-demo") => CountAsync($"""
        SELECT count(*) FROM applications f JOIN awards w ON w.id = f.award_id JOIN rounds r ON r.id = w.round_id
        JOIN workflow_instances i ON i.subject_id = f.id JOIN users u ON u.organisation_id = w.organisation_id
        WHERE r.key = '{round}' AND u.email = '{email}' AND f.obligation_key = '{obligation}' AND i.state = '{state}'
          AND f.period_label LIKE '{period}%'
        """);

    [Fact]
    public async Task Year_old_filings_have_reports_filed_and_overdue_one_in_rectification_and_one_revoked_with_a_ban()
    {
        (await CountAsync("""
            SELECT count(*) FROM awards w JOIN rounds r ON r.id = w.round_id
            WHERE r.key = 'shenyang-info-outlet-2025-demo' AND w.start_date = '2025-04-08'
            """)).ShouldBe(4, "four outlets filed in 2025 after one 公示");
        (await InStateAsync("shenyang-info-outlet-2025-demo", "Rejected")).ShouldBe(1);

        // filed: 2025's report accepted, 2026's waiting for the city; overdue: 2025's never filed
        (await FilingsAsync("io25.filed@example.com", "annual-summary", "accepted", "2025")).ShouldBe(1);
        (await FilingsAsync("io25.filed@example.com", "annual-summary", "cityReview", "2026")).ShouldBe(1);
        (await FilingsAsync("io25.overdue@example.com", "annual-summary", "overdue", "2025")).ShouldBe(1);
        (await FilingsAsync("io25.overdue@example.com", "annual-summary", "due", "2026")).ShouldBe(1);

        // in rectification: 2026's report found the outlet not serving; the award 整改中, the rectification report due in six months
        (await FilingsAsync("io25.rectifying@example.com", "annual-summary", "rectification", "2026")).ShouldBe(1);
        (await FilingsAsync("io25.rectifying@example.com", "rectification", "due")).ShouldBe(1);
        (await AwardStatusAsync("io25.rectifying@example.com")).ShouldBe("Rectifying");
        (await CountAsync("""
            SELECT count(*) FROM applications f JOIN awards w ON w.id = f.award_id JOIN users u ON u.organisation_id = w.organisation_id
            WHERE u.email = 'io25.rectifying@example.com' AND f.obligation_key = 'rectification' AND f.due_on = '2027-05-20'
            """)).ShouldBe(1);

        // revoked for false materials: banned from the program for three years, a credit record, a 通报, nothing left owed
        (await AwardStatusAsync("io25.revoked@example.com")).ShouldBe("Revoked");
        (await CountAsync("""
            SELECT count(*) FROM bans b JOIN users u ON u.organisation_id = b.organisation_id
            WHERE u.email = 'io25.revoked@example.com' AND b.module_id = 'info-outlet' AND b.starts_on = '2026-11-13' AND b.ends_on = '2029-11-12'
            """)).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM credit_records c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = 'io25.revoked@example.com'")).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM audit_log WHERE event = 'award.revoked' AND actor_id IS NOT NULL")).ShouldBe(3);   // and sc25.revoked, op25.failed
        (await FilingsAsync("io25.revoked@example.com", "annual-summary", "closed")).ShouldBeGreaterThanOrEqualTo(2);
        var revoked = await app.SignedInAsync("io25.revoked@example.com");
        (await revoked.GetAsync("/inbox")).Html.ShouldContain("已被撤销");
        (await revoked.GetAsync("/notices")).Html.ShouldContain("关于撤销沈阳示例科技情报服务有限公司沈阳市知识产权信息公共服务网点资格的通报");
    }

    [Fact]
    public async Task Year_old_clusters_have_their_construction_plan_accepted_or_overdue_and_one_revoked_for_fraud()
    {
        (await CountAsync("""
            SELECT count(*) FROM awards w JOIN rounds r ON r.id = w.round_id
            WHERE r.key = 'service-cluster-2025-demo' AND w.start_date = '2025-05-26' AND w.status = 'Construction'
            """)).ShouldBe(2, "two of the three clusters established in 2025 after one 公示 still in construction");

        // filed: the 《建设方案》 filed in July, forwarded by the city, accepted by the province; overdue: never filed, its due date long past
        (await FilingsAsync("sc25.filed@example.com", "construction-plan", "accepted", round: "service-cluster-2025-demo")).ShouldBe(1);
        (await FilingsAsync("sc25.overdue@example.com", "construction-plan", "overdue", round: "service-cluster-2025-demo")).ShouldBe(1);

        // and 2025's 年度工作情况 (due 2026-02-28): filed, forwarded by the city, waiting for the province; the other never filed
        (await FilingsAsync("sc25.filed@example.com", "annual-report", "provinceReview", round: "service-cluster-2025-demo")).ShouldBe(1);
        (await FilingsAsync("sc25.overdue@example.com", "annual-report", "overdue", round: "service-cluster-2025-demo")).ShouldBe(1);
        (await CountAsync("""
            SELECT count(*) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id JOIN applications f ON f.id = i.subject_id
            JOIN users u ON u.id = h.actor_id
            WHERE f.obligation_key = 'construction-plan' AND h.action = 'accept' AND u.email = 'reviewer.province@example.com'
            """)).ShouldBe(1);
        (await (await app.SignedInAsync("sc25.overdue@example.com")).GetAsync("/inbox")).Html.ShouldContain("逾期未报送");

        // revoked for fraud (第二十条（一）) by the province: a 公告, a credit record, its open reports closed
        (await AwardStatusAsync("sc25.revoked@example.com")).ShouldBe("Revoked");
        (await CountAsync("SELECT count(*) FROM credit_records c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = 'sc25.revoked@example.com'")).ShouldBe(1);
        (await FilingsAsync("sc25.revoked@example.com", "construction-plan", "closed", round: "service-cluster-2025-demo")).ShouldBe(1);
        var clusterRevoked = await app.SignedInAsync("sc25.revoked@example.com");
        (await clusterRevoked.GetAsync("/inbox")).Html.ShouldContain("已被撤销");
        (await clusterRevoked.GetAsync("/notices")).Html.ShouldContain("关于撤销沈阳示例智谷管理委员会");
    }

    private Task<Guid> FilingIdAsync(string email, string obligation) => app.Database.ScalarAsync<Guid>($"""
        SELECT f.id FROM applications f JOIN awards w ON w.id = f.award_id JOIN users u ON u.organisation_id = w.organisation_id
        WHERE u.email = '{email}' AND f.obligation_key = '{obligation}' ORDER BY f.due_on LIMIT 1
        """);

    private Task<long> ActedAsync(string email, string obligation, string action, string by) => CountAsync($"""
        SELECT count(*) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id JOIN applications f ON f.id = i.subject_id
        JOIN awards w ON w.id = f.award_id JOIN users o ON o.organisation_id = w.organisation_id JOIN users u ON u.id = h.actor_id
        WHERE o.email = '{email}' AND f.obligation_key = '{obligation}' AND h.action = '{action}' AND u.email = '{by}'
        """);

    [Fact]
    public async Task Year_old_patent_centres_have_their_first_annual_report_accepted_or_overdue()
    {
        const string round = "high-value-patent-2025-demo";
        (await CountAsync($"""
            SELECT count(*) FROM awards w JOIN rounds r ON r.id = w.round_id
            WHERE r.key = '{round}' AND w.start_date = '2025-05-20' AND w.end_date = '2027-05-19' AND w.status = 'Construction'
            """)).ShouldBe(2, "two centres recognised after one 公示, two years of construction");

        // filed: the first year's 年度工作报告 filed, checked by the city, accepted by the province; its KPI reckoned on the page
        (await FilingsAsync("hvp25.filed@example.com", "annual-report", "accepted", round: round)).ShouldBe(1);
        (await ActedAsync("hvp25.filed@example.com", "annual-report", "forward", "reviewer.shenyang@example.com")).ShouldBe(1);
        (await ActedAsync("hvp25.filed@example.com", "annual-report", "accept", "reviewer.province@example.com")).ShouldBe(1);
        var report = await FilingIdAsync("hvp25.filed@example.com", "annual-report");
        var page = (await (await app.SignedInAsync("reviewer.province@example.com")).GetAsync($"/review/{report}")).Html;
        page.ShouldContain("建设期内累计培育高价值发明专利（报告数）");
        page.ShouldContain("13 件 / 目标 30 件");

        // overdue: never filed (due 2026-06-20); the 验收考核 of both is not due before the construction ends
        (await FilingsAsync("hvp25.overdue@example.com", "annual-report", "overdue", round: round)).ShouldBe(1);
        (await (await app.SignedInAsync("hvp25.overdue@example.com")).GetAsync("/inbox")).Html.ShouldContain("逾期未报送：年度工作报告");
        (await CountAsync($"""
            SELECT count(*) FROM applications f JOIN awards w ON w.id = f.award_id JOIN rounds r ON r.id = w.round_id
            WHERE r.key = '{round}' AND f.obligation_key = 'acceptance' AND f.due_on = '2027-06-19'
            """)).ShouldBe(2);
    }

    [Fact]
    public async Task Year_old_brand_institutions_have_the_city_s_cultivation_plan_and_feedback_filed_or_overdue()
    {
        const string round = "brand-institution-2025-demo";
        (await CountAsync($"""
            SELECT count(*) FROM awards w JOIN rounds r ON r.id = w.round_id
            WHERE r.key = '{round}' AND w.start_date = '2025-05-20' AND w.status = 'Cultivating'
            """)).ShouldBe(2, "two institutions confirmed after one 公示, two years of cultivation");

        // filed by 沈阳 (the city files them, not the institution): the 培育工作方案 read by the province, the first year's feedback waiting for it
        (await FilingsAsync("bi25.filed@example.com", "cultivation-plan", "accepted", round: round)).ShouldBe(1);
        (await ActedAsync("bi25.filed@example.com", "cultivation-plan", "file", "reviewer.shenyang@example.com")).ShouldBe(1);
        (await FilingsAsync("bi25.filed@example.com", "feedback", "provinceReview", "第1年度", round)).ShouldBe(1);
        (await ActedAsync("bi25.filed@example.com", "feedback", "file", "reviewer.shenyang@example.com")).ShouldBe(1);
        var feedback = await FilingIdAsync("bi25.filed@example.com", "feedback");
        (await (await app.SignedInAsync("reviewer.province@example.com")).GetAsync("/review?program=brand-institution&view=all")).Html.ShouldContain($"/review/{feedback}");
        (await (await app.SignedInAsync("bi25.filed@example.com")).GetAsync("/org")).Html.ShouldContain("（由所在市报送）");

        // overdue: 大连 filed neither (the plan due 2025-08-20, the feedback 2026-06-20); both are 大连's to file
        (await FilingsAsync("bi25.overdue@example.com", "cultivation-plan", "overdue", round: round)).ShouldBe(1);
        (await FilingsAsync("bi25.overdue@example.com", "feedback", "overdue", "第1年度", round)).ShouldBe(1);
        var plan = await FilingIdAsync("bi25.overdue@example.com", "cultivation-plan");
        (await (await app.SignedInAsync("reviewer.dalian@example.com")).GetAsync("/review?program=brand-institution&view=all")).Html.ShouldContain($"/review/{plan}");
    }

    [Fact]
    public async Task Year_old_operation_platform_projects_are_completed_overdue_or_revoked_with_their_funds_recovered()
    {
        const string round = "operation-platform-2025-demo";
        (await CountAsync($"""
            SELECT count(*) FROM awards w JOIN rounds r ON r.id = w.round_id
            WHERE r.key = '{round}' AND w.start_date = '2025-05-20' AND w.end_date = '2026-05-19' AND w.funds_granted = 100
            """)).ShouldBe(3, "three projects approved with 100 万元 for one year");
        var province = await app.SignedInAsync("reviewer.province@example.com");

        // completed: 阶段核查 accepted, 综合评估 passed with all six targets met
        (await FilingsAsync("op25.completed@example.com", "stage-check", "accepted", round: round)).ShouldBe(1);
        (await FilingsAsync("op25.completed@example.com", "final-assessment", "passed", round: round)).ShouldBe(1);
        (await AwardStatusAsync("op25.completed@example.com")).ShouldBe("Completed");
        (await province.GetAsync($"/review/{await FilingIdAsync("op25.completed@example.com", "final-assessment")}")).Html
            .ShouldContain("6 / 6 项达到申报指南三的最低要求");

        // overdue: the 阶段核查 found no 质押融资 (督促整改), the 综合评估 (due 2026-04-30) never filed
        (await FilingsAsync("op25.overdue@example.com", "stage-check", "concerns", round: round)).ShouldBe(1);
        (await FilingsAsync("op25.overdue@example.com", "final-assessment", "overdue", round: round)).ShouldBe(1);
        (await AwardStatusAsync("op25.overdue@example.com")).ShouldBe("Implementing");
        (await province.GetAsync($"/review/{await FilingIdAsync("op25.overdue@example.com", "stage-check")}")).Html.ShouldContain("专利质押融资项目 0笔（最低5笔");

        // failed its 综合评估: revoked by the province's decision, the whole 100 万元 recovered, a credit record (信用承诺书第5条)
        (await FilingsAsync("op25.failed@example.com", "final-assessment", "failed", round: round)).ShouldBe(1);
        (await app.Database.ScalarAsync<string>("""
            SELECT w.status || ' ' || w.funds_clawed_back FROM awards w JOIN users u ON u.organisation_id = w.organisation_id WHERE u.email = 'op25.failed@example.com'
            """)).ShouldBe("Revoked 100.00");
        (await app.Database.ScalarAsync<string>("""
            SELECT c.text FROM credit_records c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = 'op25.failed@example.com'
            """)).ShouldStartWith("专项项目综合评估不合格，被取消承接资格并收回拨付经费");
        (await (await app.SignedInAsync("op25.failed@example.com")).GetAsync("/inbox")).Html.ShouldContain("已被撤销");
    }

    private async Task<string> AwardStatusAsync(string email) => (await app.Database.ScalarAsync<string>($"""
        SELECT w.status FROM awards w JOIN users u ON u.organisation_id = w.organisation_id WHERE u.email = '{email}'
        """))!;

    [Fact]
    public async Task Applying_the_living_year_again_changes_nothing()
    {
        const string tables = "applications, workflow_instances, workflow_history, audit_log, expert_assignments, public_notices, objections, awards, award_events, bans, credit_records, certification_requests, content_items, content_versions, notifications, stored_files, recipe_entry_marks";
        async Task<List<long>> Counts()
        {
            var counts = new List<long>();
            foreach (var table in tables.Split(", "))
            {
                // (the sign-in server's key, made in the background at start-up, is no part of the recipe)
                counts.Add(await CountAsync($"SELECT count(*) FROM {table}{(table == "audit_log" ? " WHERE event NOT LIKE 'oidc.%'" : "")}"));
            }

            return counts;
        }

        var before = await Counts();
        var results = await app.RunRecipeFilesAsync("recipes/demo-year.recipe.json");
        results.Single().Changes.ShouldBe(0);
        (await Counts()).ShouldBe(before);
    }
}

