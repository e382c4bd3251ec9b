using System.Net;

namespace IpPlatform.Web.Tests.Workflows;

public sealed class QueueTests(WebFixture app)
{
    [Fact]
    public async Task Queues_are_limited_to_scope_filtered_by_state_and_exported()
    {
        var (_, shenyangApplication, _) = await Chains.Submitted004Async(app);
        var (_, daliangOrganisation, _) = await Chains.OrganisationAsync(app);
        await app.Database.ScalarAsync<int>($"UPDATE organisations SET city_code = '210200', district_code = NULL WHERE id = '{daliangOrganisation}'");
        var dalianApplication = await Chains.SubmittedDirectlyAsync(app, "high-value-patent-2026-demo", daliangOrganisation);

        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var todo = (await shenyang.GetAsync("/review")).Html;
        todo.ShouldContain($"/review/{shenyangApplication}");
        todo.ShouldNotContain($"/review/{dalianApplication}");

        var dalian = (await (await app.SignedInAsync(Chains.Dalian)).GetAsync("/review")).Html;
        dalian.ShouldContain($"/review/{dalianApplication}");
        dalian.ShouldNotContain($"/review/{shenyangApplication}");

        var province = await app.SignedInAsync(Chains.Province);
        var all = (await province.GetAsync("/review?view=all&program=high-value-patent")).Html;
        all.ShouldContain($"/review/{shenyangApplication}");
        all.ShouldContain($"/review/{dalianApplication}");
        (await province.GetAsync("/review")).Html.ShouldNotContain($"/review/{shenyangApplication}", customMessage: "city review is not the province's work");
        (await province.GetAsync("/review?view=all&state=expertReview")).Html.ShouldNotContain($"/review/{shenyangApplication}");
        (await province.GetAsync("/review?view=all&city=210200")).Html.ShouldNotContain($"/review/{shenyangApplication}");
        (await province.GetAsync("/review?view=all&p=9999")).Status.ShouldBe(HttpStatusCode.OK);

        var export = await shenyang.Http.GetAsync("/review?view=all&handler=Export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = ProgramChainTests.Rows(await export.Content.ReadAsByteArrayAsync());
        rows[0].ShouldBe(["申报审核清单"]);
        rows[1].ShouldContain("状态");
        rows.Skip(2).ShouldAllBe(r => !r.Contains("大连市"));
        rows.Count.ShouldBeGreaterThan(2);

        // Applicants and staff without a reviewer role have no queue.
        (await (await app.SignedInAsync("editor.shenyang@example.com")).GetAsync("/review")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await (await Chains.OrganisationAsync(app)).Client.GetAsync("/review")).RedirectsTo("/account/access-denied").ShouldBeTrue();
    }
}
