using IpPlatform.Kernel.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Workflows;

public sealed class VersionTests(WebFixture app)
{
    private Task<int> VersionOfAsync(Guid id) =>
        app.Database.ScalarAsync<int>($"SELECT workflow_version FROM workflow_instances WHERE subject_id = '{id}'");

    [Fact]
    public async Task A_new_chain_version_applies_to_new_applications_and_a_round_can_pin_an_older_one()
    {
        var (_, earlier, _) = await Chains.Submitted004Async(app);
        var before = await VersionOfAsync(earlier);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<WorkflowStore>();
            var latest = (await store.LatestAsync("high-value-patent.review"))!;
            var (saved, created) = await store.SaveAsync(latest.Definition with { Title = latest.Definition.Title + "（修订）" }, "测试");
            created.ShouldBeTrue();
            saved.Version.ShouldBe(before + 1);
        }

        var (_, later, _) = await Chains.Submitted004Async(app);
        (await VersionOfAsync(later)).ShouldBe(before + 1);
        (await VersionOfAsync(earlier)).ShouldBe(before, "a running instance keeps the version it started on");

        // The province editor pins the demo round to the earlier version: new applications take it.
        var editor = await app.SignedInAsync("editor.province@example.com");
        var round = await app.Database.ScalarAsync<Guid>("SELECT id FROM rounds WHERE key = 'high-value-patent-2026-demo'");
        const string program = "/editor/programs/high-value-patent";
        (await editor.PostAsync(program, [new("roundId", round.ToString()), new("workflowVersion", "999")], program + "?handler=PinWorkflow")).RedirectsTo(program).ShouldBeTrue();
        (await editor.GetAsync(program)).Html.ShouldContain("审核流程没有第999版");
        (await editor.PostAsync(program, [new("roundId", round.ToString()), new("workflowVersion", before.ToString())], program + "?handler=PinWorkflow")).RedirectsTo(program).ShouldBeTrue();
        try
        {
            var (_, pinned, _) = await Chains.Submitted004Async(app);
            (await VersionOfAsync(pinned)).ShouldBe(before);
            (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'round.workflow-pinned'")).ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            (await editor.PostAsync(program, [new("roundId", round.ToString()), new("workflowVersion", "")], program + "?handler=PinWorkflow")).RedirectsTo(program).ShouldBeTrue();
        }
    }
}
