using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>
/// Seed 002 after 备案: a filing valid ValidityYears, listed in the public 名录 (art. 6(四), 16); a 工作总结表 every year
/// by the end of AnnualSummaryMonth (art. 18); changes reported and verified (art. 17); an outlet not serving as required
/// rectifies within RectificationMonths or loses its filing (art. 18); false materials: revoked, 通报, no filing for
/// FalseMaterialBanYears (art. 19); 复审 at the end renews it (art. 16) or it expires; a TISC leaves the filing (art. 7).
/// </summary>
public sealed class InfoOutletAwardTests(WebFixture app)
{
    private const string Directory = "/programs/info-outlet/directory";

    [Fact]
    public async Task A_filed_outlet_is_in_the_directory_and_a_verified_change_report_updates_it()
    {
        var (applicant, _, award, _) = await Lifecycle.FiledOutletAsync(app);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Operating");
        var directory = (await app.NewFormClient().GetAsync(Directory)).Html;
        directory.ShouldContain("沈阳示例信息服务网点");
        directory.ShouldContain("沈阳市和平区示例路1号");
        directory.ShouldContain("专利检索；信息咨询");
        directory.ShouldContain(today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));
        (await app.NewFormClient().GetAsync("/programs/shenyang-info-outlet")).Html.ShouldContain("沈阳市知识产权信息公共服务网点名录");

        // 工作总结表 by the end of December (AnnualSummaryMonth) of each year of the filing; 复审 at its end.
        var summaries = await app.Database.ScalarAsync<string>($"SELECT string_agg(due_on::text, ',' ORDER BY due_on) FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-summary'");
        summaries.ShouldBe($"{today.Year + 1}-12-31,{today.Year + 2}-12-31");
        (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE award_id = '{award}' AND obligation_key = 'renewal'"))
            .ShouldBe(today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));

        // 变更报备 from the organisation's page: the new premises and services reach the directory once the city verifies them.
        var name = await OutletNameAsync(award);
        var opened = await applicant.SubmitAsync("/org", "变更报备");
        opened.Location.ShouldNotBeNull(Chains.Problems(opened.Html));
        var change = Guid.Parse(opened.Location!.Split('/')[2]);
        var filed = await Lifecycle.FileAsync(applicant, change,
            [new("a.change.name", name), new("a.change.items", "场所"), new("a.change.items", "主要服务事项"), new("a.change.address", "沈阳市和平区新址路8号"), new("a.change.serviceItems", "专利检索；专利导航；培训")]);
        filed.RedirectsTo($"/applications/{change}").ShouldBeTrue(Chains.Problems(filed.Html));
        Row((await app.NewFormClient().GetAsync(Directory)).Html, name).ShouldNotContain("新址路8号", customMessage: "not before the city has verified it");
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, change, "accept"), change);

        var row = Row((await app.NewFormClient().GetAsync(Directory)).Html, name);
        row.ShouldContain("沈阳市和平区新址路8号");
        row.ShouldContain("专利检索；专利导航；培训");
        row.ShouldNotContain("示例路1号");
    }

    [Fact]
    public async Task An_outlet_ordered_to_rectify_that_still_falls_short_loses_its_filing_and_leaves_the_directory()
    {
        var (applicant, _, award, email) = await Lifecycle.FiledOutletAsync(app);
        await Lifecycle.AgeAsync(app, award, 400);
        var summary = await app.Database.ScalarAsync<Guid>($"SELECT id FROM applications WHERE award_id = '{award}' AND obligation_key = 'annual-summary' ORDER BY due_on LIMIT 1");
        var filed = await Lifecycle.FileAsync(applicant, summary, [new("a.cover.year", "2027")]);
        filed.RedirectsTo($"/applications/{summary}").ShouldBeTrue(Chains.Problems(filed.Html));

        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, summary, "requireRectification", [("reason", "全年未开展免费信息检索服务")]), summary);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Rectifying");
        app.MailTo(email, "全年未开展免费信息检索服务").ShouldContain("限期整改");
        var rectification = await Lifecycle.FilingAsync(app, award, "rectification");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (await app.Database.ScalarAsync<string>($"SELECT due_on::text FROM applications WHERE id = '{rectification}'")).ShouldBe(today.AddMonths(6).ToString("yyyy-MM-dd"), "half a year (RectificationMonths)");

        (await Lifecycle.FileAsync(applicant, rectification)).RedirectsTo($"/applications/{rectification}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, rectification, "fail", [("reason", "整改期满仍未开展公共服务")]), rectification);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Revoked");
        (await app.NewFormClient().GetAsync(Directory)).Html.ShouldNotContain(await OutletNameAsync(award));
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM bans WHERE award_id = '{award}'")).ShouldBe(0, "art. 18 revokes without a ban");

        // What it still owed is closed by the next pass of the timer job.
        var open = await app.Database.ScalarAsync<long>($"""
            SELECT count(*) FROM workflow_instances i JOIN applications a ON a.id = i.subject_id WHERE a.award_id = '{award}' AND i.phase = 'Draft'
            """);
        open.ShouldBeGreaterThan(0);
        (await Chains.RunTimersAsync(app)).ObligationsClosed.ShouldBe((int)open);
    }

    [Fact]
    public async Task False_materials_revoke_the_filing_with_a_public_circular_and_bar_new_filings_for_three_years()
    {
        var (applicant, _, award, email) = await Lifecycle.FiledOutletAsync(app);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        var refused = await shenyang.SubmitAsync($"/review/awards/{award}", "撤销", [new("Ground", "falseMaterials"), new("Reason", "")]);
        refused.Html.ShouldContain("请填写撤销的事实和理由");
        var revoked = await shenyang.SubmitAsync($"/review/awards/{award}", "撤销",
            [new("Ground", "falseMaterials"), new("Reason", "备案材料中的服务人员证明系伪造"), new("DocumentNumber", "沈知发〔2026〕9号")]);
        revoked.RedirectsTo($"/review/awards/{award}").ShouldBeTrue(Chains.Problems(revoked.Html));

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Revoked");
        var name = await app.Database.ScalarAsync<string>($"SELECT organisation_name FROM awards WHERE id = '{award}'");
        var notices = (await app.NewFormClient().GetAsync("/notices")).Html;
        notices.ShouldContain($"关于撤销{name}沈阳市知识产权信息公共服务网点资格的通报");
        (await app.NewFormClient().GetAsync(Directory)).Html.ShouldNotContain(await OutletNameAsync(award));
        app.MailTo(email, "备案材料中的服务人员证明系伪造").ShouldNotBeEmpty();

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (await app.Database.ScalarAsync<string>($"SELECT ends_on::text FROM bans WHERE award_id = '{award}'")).ShouldBe(today.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd"));
        (await applicant.GetAsync("/org")).Html.ShouldContain("前不得申报该项目");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'award.revoked' AND object_id = '{award}'")).ShouldBe(1);

        // Only the authority running the program decides; the province sees the award but has no such form.
        var province = await app.SignedInAsync(Chains.Province);
        (await province.GetAsync($"/review/awards/{award}")).Status.ShouldBe(HttpStatusCode.OK);
        (await province.PostAsync($"/review/awards/{award}", [new("Ground", "falseMaterials"), new("Reason", "x")], $"/review/awards/{award}/Revoke"))
            .Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_review_at_the_end_of_validity_renews_the_filing_and_an_outlet_not_renewed_expires()
    {
        var (applicant, _, award, _) = await Lifecycle.FiledOutletAsync(app);
        var (_, _, lapsing, _) = await Lifecycle.FiledOutletAsync(app);
        await Lifecycle.AgeAsync(app, award, 3 * 365 - 30);
        await Lifecycle.AgeAsync(app, lapsing, 3 * 365 + 5);

        var renewal = await Lifecycle.FilingAsync(app, award, "renewal");
        var end = DateOnly.Parse(await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'") ?? "");
        (await Lifecycle.FileAsync(applicant, renewal, [new("a.services.serviceItems", "专利检索；商标查询")])).RedirectsTo($"/applications/{renewal}").ShouldBeTrue();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, renewal, "renew"), renewal);

        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Renewed");
        (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM awards WHERE id = '{award}'")).ShouldBe(end.AddYears(3).ToString("yyyy-MM-dd"), "three more years (ValidityYears)");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM applications WHERE award_id = '{award}' AND obligation_key = 'renewal'")).ShouldBe(2, "the next review is scheduled");
        (await app.NewFormClient().GetAsync(Directory)).Html.ShouldContain("专利检索；商标查询");

        // The other reached its end without a renewal: the timer job lets it expire and the directory drops it.
        (await Chains.RunTimersAsync(app)).AwardsExpired.ShouldBeGreaterThanOrEqualTo(1);
        (await Lifecycle.StatusAsync(app, lapsing)).ShouldBe("Expired");
        (await app.NewFormClient().GetAsync(Directory)).Html.ShouldNotContain(await OutletNameAsync(lapsing));
    }

    [Fact]
    public async Task An_outlet_that_becomes_a_TISC_leaves_the_filing_and_one_may_ask_to_terminate()
    {
        var (_, _, tisc, _) = await Lifecycle.FiledOutletAsync(app);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await shenyang.SubmitAsync($"/review/awards/{tisc}", "终止", [new("Ground", "becameTisc"), new("Reason", "2027年被确定为TISC")]))
            .RedirectsTo($"/review/awards/{tisc}").ShouldBeTrue();
        (await Lifecycle.StatusAsync(app, tisc)).ShouldBe("Terminated");

        var (applicant, _, award, _) = await Lifecycle.FiledOutletAsync(app);
        var opened = await applicant.SubmitAsync("/org", "申请终止");
        var request = Guid.Parse(opened.Location!.Split('/')[2]);
        (await Lifecycle.FileAsync(applicant, request, [new("a.request.reason", "基础设施等发生变化，不再符合备案条件")])).RedirectsTo($"/applications/{request}").ShouldBeTrue();
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, request, "approve"), request);
        (await Lifecycle.StatusAsync(app, award)).ShouldBe("Terminated");
    }

    [Fact]
    public async Task A_decision_not_to_file_cannot_lead_to_publicity()
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var id = await Chains.SubmittedDirectlyAsync(app, "shenyang-info-outlet-2026-demo", organisation, new System.Text.Json.Nodes.JsonObject
        {
            ["team"] = new System.Text.Json.Nodes.JsonObject { ["fullTimeStaff"] = 3 },
        });
        await Lifecycle.OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Heping), id, "recommend",
            [("a.recommendation.opinion", "同意推荐"), ("a.recommendation.head", "张三"), ("a.recommendation.date", Chains.Today)]), id);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);

        var refused = await Chains.ActAsync(shenyang, id, "approve",
            [("a.filing.decision", "不予备案"), ("a.filing.handler", "李四"), ("a.filing.head", "王五"), ("a.filing.date", Chains.Today)]);
        refused.Html.ShouldContain("须在“九、备案部门意见”中选择“准予备案”");
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        await Lifecycle.OkAsync(Chains.ActAsync(shenyang, id, "cityReject", [("reason", "不符合备案条件")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("rejected");
    }

    /// <summary>The directory's row of one outlet (the list holds every test's outlets).</summary>
    private static string Row(string html, string name)
    {
        var at = html.IndexOf(name, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, $"{name} is in the directory");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private Task<string> OutletNameAsync(Guid award) =>
        app.Database.ScalarAsync<string>($"SELECT directory->>'name' FROM awards WHERE id = '{award}'")!;
}
