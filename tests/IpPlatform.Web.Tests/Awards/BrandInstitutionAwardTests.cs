using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Seed 000 (关于组织开展2024年知识产权服务品牌机构培育工作的通知) after the 名单: two years of cultivation (一、工作目标),
/// the institution on the program's public list, and the city's duties of 三、工作要求 3 — a 培育工作方案 and feedback on
/// the cultivation to the province — filed by the city, not by the institution.
/// </summary>
public sealed class BrandInstitutionAwardTests(WebFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private Task<string> NameAsync(Guid award) => app.Database.ScalarAsync<string>($"SELECT organisation_name FROM awards WHERE id = '{award}'");

    [Fact]
    public async Task An_institution_confirmed_after_publicity_is_cultivated_for_two_years_and_listed_on_the_program_s_page()
    {
        var (applicant, _, award, email) = await Lifecycle.Cultivated000Async(app);

        (await app.Database.ScalarAsync<string>($"SELECT status || ' ' || end_date::text FROM awards WHERE id = '{award}'"))
            .ShouldBe($"Cultivating {Today.AddYears(2).AddDays(-1):yyyy-MM-dd}");
        var programPage = (await app.NewFormClient().GetAsync("/programs/brand-institution")).Html;
        programPage.ShouldContain("辽宁省知识产权服务品牌培育机构名单");
        programPage.ShouldContain(await NameAsync(award));
        var home = (await applicant.GetAsync("/org")).Html;
        home.ShouldContain("培育中");
        home.ShouldContain("培育工作方案");
        home.ShouldContain("（由所在市报送）");
        (await app.Database.ScalarAsync<string>($"SELECT string_agg(due_on::text, ',' ORDER BY due_on) FROM applications WHERE award_id = '{award}' AND obligation_key = 'feedback'"))
            .ShouldBe($"{Today.AddYears(1).AddMonths(1):yyyy-MM-dd},{Today.AddYears(2).AddDays(-1):yyyy-MM-dd}", "after each year of cultivation, the last by its final day");
        app.MailTo(email, "已获“辽宁省知识产权服务品牌培育机构”").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_city_files_its_cultivation_plan_and_its_feedback_to_the_province_and_the_institution_cannot_file_them()
    {
        var (applicant, _, award, email) = await Lifecycle.Cultivated000Async(app);
        var plan = await Lifecycle.FilingAsync(app, award, "cultivation-plan");
        (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{plan}'")).ShouldBe(Today.AddMonths(3).ToString("yyyy-MM-dd"));

        // Not the institution's to file, and not another city's.
        (await applicant.GetAsync($"/applications/{plan}")).Html.ShouldContain("该事项由所在市知识产权局报送");
        (await applicant.PostAsync($"/applications/{plan}", [new("a.plan.overview", "自行填写")], $"/applications/{plan}/Submit")).Html.ShouldContain("该事项由所在市知识产权局报送");
        (await (await app.SignedInAsync(Chains.Dalian)).GetAsync($"/review/{plan}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await shenyang.GetAsync("/review?program=brand-institution&view=all")).Html.ShouldContain($"/review/{plan}");
        (string, string)[] section =
        [
            ("a.plan.overview", "结合本市知识产权服务业发展规划，支持培育机构拓展海外维权服务"), ("a.plan.measures.rows", "1"),
            ("a.plan.measures.0.content", "优先推荐政府采购相关知识产权服务"), ("a.plan.measures.0.measure", "纳入市级服务机构推荐目录"), ("a.plan.measures.0.schedule", "2027年上半年"),
            ("a.plan.contact", "王五"), ("a.plan.phone", "024-22222222"),
        ];
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, plan, "file", section), plan);
        (await Lifecycle.StateAsync(app, plan)).ShouldBe("provinceReview");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'plan'->>'overview' FROM application_submissions WHERE application_id = '{plan}'"))
            .ShouldBe("结合本市知识产权服务业发展规划，支持培育机构拓展海外维权服务");
        app.MailTo(email, "所在市知识产权局已向省知识产权局报送《培育工作方案").ShouldNotBeEmpty();
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), plan, "accept"), plan);
        (await Lifecycle.StateAsync(app, plan)).ShouldBe("accepted");

        // A year on, the city's feedback on the cultivation.
        await Lifecycle.AgeAsync(app, award, 366);
        var feedback = await app.Database.ScalarAsync<Guid>($"SELECT id FROM applications WHERE award_id = '{award}' AND obligation_key = 'feedback' ORDER BY due_on LIMIT 1");
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, feedback, "file",
            [("a.feedback.work", "组织培育机构参加知识产权服务万里行活动"), ("a.feedback.progress", "新增海外维权服务"), ("a.feedback.problems", "高端人才不足"),
             ("a.feedback.contact", "王五"), ("a.feedback.phone", "024-22222222")]), feedback);
        (await Lifecycle.StateAsync(app, feedback)).ShouldBe("provinceReview");
    }

    [Fact]
    public async Task When_the_cultivation_ends_the_institution_leaves_the_list()
    {
        var (_, _, award, _) = await Lifecycle.Cultivated000Async(app);
        var name = await NameAsync(award);

        await Lifecycle.AgeAsync(app, award, 731);
        await Chains.RunTimersAsync(app);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Expired");
        (await app.NewFormClient().GetAsync("/programs/brand-institution")).Html.ShouldNotContain(name);
    }
}
