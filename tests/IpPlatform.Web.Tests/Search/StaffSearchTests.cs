using System.Net;
using IpPlatform.Kernel.Search;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Search;

/// <summary>
/// Staff search finds submitted applications by what they say, only within the reviewer's scope: a 大连 reviewer never
/// learns that a 沈阳 application matches; drafts are never found; applicants cannot use it.
/// </summary>
public sealed class StaffSearchTests(WebFixture app)
{
    private static async Task<PageResponse> SearchAsync(FormClient reviewer, string typed) =>
        (await reviewer.SubmitFormAsync("/review/search", f => f.Action.StartsWith("/review/search", StringComparison.Ordinal), [new("q", typed)]))!;

    [Fact]
    public async Task A_reviewer_finds_submitted_applications_in_scope_only()
    {
        var (applicant, id, _) = await Chains.Submitted004Async(app);
        var name = await app.Database.ScalarAsync<string>($"SELECT organisation_name FROM workflow_instances WHERE subject_id = '{id}'");
        var code = await app.Database.ScalarAsync<string>($"SELECT o.credit_code FROM organisations o JOIN workflow_instances i ON i.organisation_id = o.id WHERE i.subject_id = '{id}'");
        await app.Services.GetRequiredService<StaffSearch>().CatchUpAsync();

        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await SearchAsync(shenyang, code)).Html.ShouldContain($"/review/{id}", customMessage: "the credit code typed whole");

        var dalian = await app.SignedInAsync(Chains.Dalian);
        var elsewhere = await SearchAsync(dalian, code);
        elsewhere.Html.ShouldNotContain($"/review/{id}");
        elsewhere.Html.ShouldNotContain(name);
        (await SearchAsync(await app.SignedInAsync(Chains.Province), code)).Html.ShouldContain($"/review/{id}");

        (await applicant.GetAsync("/review/search?q=" + Uri.EscapeDataString(code))).Status.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_draft_is_never_found()
    {
        var (client, organisation, _) = await Chains.OrganisationAsync(app, name: "检索草稿测试科技有限公司");
        var started = await client.PostAsync("/apply/high-value-patent-2026-demo", []);
        started.Status.ShouldBe(HttpStatusCode.Redirect);
        await app.Services.GetRequiredService<StaffSearch>().CatchUpAsync();
        (await SearchAsync(await app.SignedInAsync(Chains.Province), "检索草稿测试科技有限公司")).Html.ShouldContain("没有找到");
    }
}
