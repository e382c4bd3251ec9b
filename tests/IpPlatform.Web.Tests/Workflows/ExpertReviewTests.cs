using System.Net;
using System.Text;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Workflows;

/// <summary>Seed 004's expert review: assignment with constraints, conflict-of-interest gating, scoring bounds, ranking.</summary>
public sealed class ExpertReviewTests(WebFixture app)
{
    private const string Province = "/review";

    /// <summary>Five experts of the province pool; one works for <paramref name="employerCode"/>, one sits in 沈阳.</summary>
    private async Task<string[]> ExpertsAsync(string suffix, string employerCode)
    {
        var emails = Enumerable.Range(1, 5).Select(i => $"expert{i}.{suffix}@example.com").ToArray();
        var staff = string.Join(",", emails.Select((email, i) => $$"""
            { "email": "{{email}}", "name": "专家{{suffix}}{{i + 1}}", "password": "Expert#2026ok", "expertise": "专利分析", "totpKey": "{{TotpKey}}",
              "roles": [ { "role": "expert", "authority": "{{(i == 1 ? "210100" : "210000")}}" } ]
              , "employer": "{{(i == 0 ? "申报单位" : "专家单位" + i)}}", "employerCreditCode": "{{(i == 0 ? employerCode : TestData.NewCreditCode())}}" }
            """));
        var recipe = $$"""{ "name": "experts-{{suffix}}", "steps": [ { "step": "staff", "staff": [ {{staff}} ] } ] }""";
        await app.RunRecipeAsync(RecipeSource.FromStream($"experts-{suffix}.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes(recipe))));
        return emails;
    }

    [Fact]
    public async Task Two_experts_declining_at_once_each_get_a_different_replacement()
    {
        var (id, code) = await Chains.InExpertReviewAsync(app);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var emails = await ExpertsAsync(suffix, code);
        var province = await app.SignedInAsync(Chains.Province);
        var mine = new List<string>();
        foreach (var email in emails.Skip(2).Take(2))
        {
            mine.Add((await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'")).ToString());
        }

        (await province.PostAsync($"/review/{id}", mine.Select(e => KeyValuePair.Create("experts", e)), $"/review/{id}/Assign")).RedirectsTo($"/review/{id}#experts").ShouldBeTrue();
        var declines = emails.Skip(2).Take(2).Select(async email =>
        {
            var expert = await SignedInExpertAsync(email);
            var assignment = await app.Database.ScalarAsync<Guid>(
                $"SELECT a.id FROM expert_assignments a JOIN users u ON u.id = a.expert_id WHERE a.application_id = '{id}' AND u.email = '{email}'");
            var page = await expert.TokenAsync($"/expert/{assignment}");
            return await expert.Http.PostAsync($"/expert/{assignment}/Declare",
                new FormUrlEncodedContent([new("conflict", "true"), new("reason", "与申报单位有合作关系"), new("__RequestVerificationToken", page)]));
        }).ToList();
        foreach (var response in await Task.WhenAll(declines))
        {
            response.Headers.Location?.ToString().ShouldBe("/expert", "both declines succeed");
        }

        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM expert_assignments WHERE application_id = '{id}' AND state <> 'Declined'")).ShouldBe(2, "two replacements");
        (await app.Database.ScalarAsync<long>($"SELECT count(DISTINCT expert_id) FROM expert_assignments WHERE application_id = '{id}'"))
            .ShouldBe(4, "the two who declined and two different replacements");
    }

    [Fact]
    public async Task Experts_are_assigned_within_constraints_declare_before_seeing_score_within_bounds_and_the_ranking_follows()
    {
        var (id, code) = await Chains.InExpertReviewAsync(app);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var emails = await ExpertsAsync(suffix, code);
        var province = await app.SignedInAsync(Chains.Province);

        // The city cannot assign; the province sees the pool without the applicant's own employee.
        (await Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "x")).RedirectsTo($"/review/{id}").ShouldBeTrue();
        var page = (await province.GetAsync($"/review/{id}")).Html;
        page.ShouldContain("专家评审");
        page.ShouldNotContain($"专家{suffix}1（");
        page.ShouldContain($"专家{suffix}2（");

        // Random, three experts, none from 沈阳 (the applicant's city) and never the employee.
        var random = await province.PostAsync($"/review/{id}", [new("count", "3"), new("otherCity", "true")], $"/review/{id}/AssignRandom");
        random.RedirectsTo($"/review/{id}#experts").ShouldBeTrue($"{random.Status} {random.Location} {Chains.Problems(random.Html)}");
        var assigned = await app.Database.ScalarAsync<string>($"SELECT string_agg(expert_name, ',' ORDER BY expert_name) FROM expert_assignments WHERE application_id = '{id}'");
        assigned!.Split(',').Length.ShouldBe(3);
        assigned.ShouldNotContain($"专家{suffix}1");       // the applicant's own employee
        assigned.ShouldNotContain($"专家{suffix}2");       // 沈阳, the applicant's city
        assigned.ShouldNotContain("沈阳市专家");

        // The pool is shared with other tests: this test's own experts 3 and 4 are added by hand where random left them out.
        var own = new[] { 3, 4 }.Select(n => $"专家{suffix}{n}").ToArray();
        var ownIds = new List<string>();
        foreach (var (name, email) in own.Select((name, i) => (name, emails[i + 2])))
        {
            if (!assigned.Contains(name))
            {
                ownIds.Add((await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'")).ToString());
            }
        }

        if (ownIds.Count > 0)
        {
            (await province.PostAsync($"/review/{id}", ownIds.Select(e => KeyValuePair.Create("experts", e)), $"/review/{id}/Assign"))
                .RedirectsTo($"/review/{id}#experts").ShouldBeTrue();
        }

        // An expert assigned sees nothing of the application before declaring; another expert's assignment is 404.
        var first = own[0];
        var expert = await SignedInExpertAsync(emails[2]);
        var assignment = await app.Database.ScalarAsync<Guid>($"SELECT id FROM expert_assignments WHERE application_id = '{id}' AND expert_name = '{first}'");
        var before = (await expert.GetAsync($"/expert/{assignment}")).Html;
        before.ShouldContain("利益冲突声明");
        before.ShouldNotContain("表1（企业填写）");
        (await (await SignedInExpertAsync(emails[1])).GetAsync($"/expert/{assignment}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync($"/expert/{assignment}")).Status.ShouldBe(HttpStatusCode.NotFound);

        (await expert.GetAsync($"/expert/{assignment}/File?slot=patentList")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await expert.GetAsync($"/review/{id}")).Status.ShouldBe(HttpStatusCode.NotFound, "an expert is not a reviewer of the application");
        (await expert.PostAsync($"/expert/{assignment}", [new("conflict", "false")], $"/expert/{assignment}/Declare")).RedirectsTo($"/expert/{assignment}").ShouldBeTrue();
        (await expert.GetAsync($"/expert/{assignment}/File?slot=patentList")).Status.ShouldBe(HttpStatusCode.OK);
        (await expert.GetAsync($"/expert/{assignment}")).Html.ShouldContain("表1（企业填写）");

        // Scores are bounded on the server; a draft keeps what was typed; submission locks the sheet.
        var outOfBounds = await expert.PostAsync($"/expert/{assignment}", Sheet(plan: "31", submit: true), $"/expert/{assignment}/Score");
        outOfBounds.Html.ShouldContain("“建设方案”的得分应在 0–30 分之间");
        outOfBounds.Html.ShouldContain("value=\"31\"");
        (await expert.PostAsync($"/expert/{assignment}", Sheet(plan: "", submit: true), $"/expert/{assignment}/Score")).Html.ShouldContain("请为“建设方案”打分");
        (await expert.PostAsync($"/expert/{assignment}", Sheet(plan: "25", submit: false), $"/expert/{assignment}/Score")).RedirectsTo($"/expert/{assignment}").ShouldBeTrue();
        (await app.Database.ScalarAsync<string>($"SELECT state FROM expert_assignments WHERE id = '{assignment}'")).ShouldBe("Accepted");
        (await expert.PostAsync($"/expert/{assignment}", Sheet(plan: "25.5", submit: true), $"/expert/{assignment}/Score")).RedirectsTo($"/expert/{assignment}").ShouldBeTrue();
        (await app.Database.ScalarAsync<decimal>($"SELECT total FROM expert_assignments WHERE id = '{assignment}'")).ShouldBe(81.5m);
        (await expert.PostAsync($"/expert/{assignment}", Sheet(plan: "30", submit: true), $"/expert/{assignment}/Score")).Html.ShouldContain("评分表已提交，不能再修改");

        // A second expert declines: a replacement is assigned; the province sees who has and has not scored.
        var second = own[1];
        var activeBefore = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM expert_assignments WHERE application_id = '{id}' AND state <> 'Declined'");
        var secondAssignment = await app.Database.ScalarAsync<Guid>($"SELECT id FROM expert_assignments WHERE application_id = '{id}' AND expert_name = '{second}'");
        var secondExpert = await SignedInExpertAsync(emails[3]);
        (await secondExpert.PostAsync($"/expert/{secondAssignment}", [new("conflict", "true"), new("reason", "")], $"/expert/{secondAssignment}/Declare")).Html.ShouldContain("请填写回避理由");
        (await secondExpert.PostAsync($"/expert/{secondAssignment}", [new("conflict", "true"), new("reason", "曾为该单位提供咨询")], $"/expert/{secondAssignment}/Declare")).RedirectsTo("/expert").ShouldBeTrue();
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM expert_assignments WHERE application_id = '{id}' AND state <> 'Declined'")).ShouldBe(activeBefore, "a replacement was assigned");
        var progress = (await province.GetAsync($"/review/{id}")).Html;
        progress.ShouldContain("已回避（曾为该单位提供咨询）");
        progress.ShouldContain($"已评 1 位，待评 {activeBefore - 1} 位");

        var ranking = (await province.GetAsync("/review/ranking?round=high-value-patent-2026-demo")).Html;
        ranking.ShouldContain($"/review/{id}");
        ranking.ShouldContain("81.50");
        (await province.Http.GetAsync("/review/ranking?round=high-value-patent-2026-demo&handler=Export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var scores = ProgramChainTests.Rows(await (await province.Http.GetAsync($"/review/{id}/Scores")).Content.ReadAsByteArrayAsync());
        scores[1].ShouldContain("建设方案（30分）");
        scores.ShouldContain(r => r.Contains(first) && r.Contains("25.5") && r.Contains("建设方案：方案可行"));

        // A decision by rank waits until every assigned expert has submitted.
        var decided = await province.PostAsync("/review/ranking?round=high-value-patent-2026-demo",
            [new("mode", "rank"), new("top", "1"), new("reason", "未达入选要求")], "/review/ranking?handler=Decide&round=high-value-patent-2026-demo");
        decided.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(decided.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("expertReview", "two experts are still scoring");
        (await province.PostAsync("/review/ranking?round=high-value-patent-2026-demo", [new("mode", "rank"), new("reason", "")],
            "/review/ranking?handler=Decide&round=high-value-patent-2026-demo")).Html.ShouldContain("请按名次（前N名）或按分数线（不低于X分）二选一作出决定");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE object_id = '{id}' AND event LIKE 'expert.%'")).ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task An_expert_account_records_the_employer_the_assignment_rule_needs()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        KeyValuePair<string, string>[] Fields(string employer, string code) =>
        [
            new("Input.Name", "新专家"), new("Input.Email", $"x{Guid.NewGuid():N}"[..10] + "@example.com"), new("Input.Grants.Roles[0]", "Expert"),
            new("Input.Grants.Authorities[0]", "210000"), new("Input.Employer", employer), new("Input.EmployerCreditCode", code),
        ];

        var missing = await admin.PostAsync("/admin/staff/new", Fields("", "91210100MA0YT3K7XX"));
        missing.Html.ShouldContain("评审专家须填写工作单位");
        missing.Html.ShouldContain("工作单位统一社会信用代码：");
        (await admin.PostAsync("/admin/staff/new", Fields("东北大学", TestData.NewCreditCode()))).RedirectsTo("/admin/staff").ShouldBeTrue();
    }

    private static KeyValuePair<string, string>[] Sheet(string plan, bool submit) =>
    [
        new("score.funding", "8"), new("score.rnd", "8"), new("score.output", "8"), new("score.standards", "8"), new("score.team", "8"),
        new("score.cooperation", "8"), new("score.effects", "8"), new("score.plan", plan), new("comment.plan", "方案可行"),
        new("submit", submit ? "true" : "false"),
    ];

    private const string TotpKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private async Task<FormClient> SignedInExpertAsync(string email)
    {
        var client = app.NewFormClient();
        (await client.SignInAsync(email, "Expert#2026ok", TotpKey)).RedirectsTo("/staff").ShouldBeTrue();
        return client;
    }
}
