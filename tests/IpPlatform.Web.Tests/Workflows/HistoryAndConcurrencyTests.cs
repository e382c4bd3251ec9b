using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IpPlatform.Web.Tests.Workflows;

public sealed class HistoryAndConcurrencyTests(WebFixture app)
{
    private static readonly WorkflowActor ShenyangReviewer = WorkflowActor.Staff(Guid.NewGuid(), "测试审核员", [new WorkflowGrant("cityReviewer", "210100")]);

    [Fact]
    public async Task Two_reviewers_deciding_at_once_one_succeeds_and_the_other_is_told()
    {
        var (_, id, _) = await Chains.Submitted004Async(app);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var firstService = first.ServiceProvider.GetRequiredService<ApplicationService>();
        var secondService = second.ServiceProvider.GetRequiredService<ApplicationService>();
        var firstView = (await firstService.FindForStaffAsync(id, ShenyangReviewer))!;
        var secondView = (await secondService.FindForStaffAsync(id, ShenyangReviewer))!;

        var passed = await firstService.ActAsync(firstView, "pass", ShenyangReviewer, new() { ["opinion"] = "材料初审合格，同意推荐" });
        var rejected = await secondService.ActAsync(secondView, "reject", ShenyangReviewer, new() { ["reason"] = "同时作出的另一决定" });

        passed.Succeeded.ShouldBeTrue();
        rejected.Succeeded.ShouldBeFalse();
        rejected.Errors.All[0].Message.ShouldBe(WorkflowEngine.ConflictMessage);
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");
        (await app.Database.ScalarAsync<long>($"""
            SELECT count(*) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id WHERE i.subject_id = '{id}' AND action = 'reject'
            """)).ShouldBe(0);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'workflow.reject' AND object_id = '{id}'")).ShouldBe(0, "nothing of the losing action is kept");
    }

    [Fact]
    public async Task The_history_refuses_update_and_delete_and_its_hash_chain_reveals_tampering()
    {
        var (_, id, _) = await Chains.Submitted004Async(app);
        var instance = await app.Database.ScalarAsync<Guid>($"SELECT id FROM workflow_instances WHERE subject_id = '{id}'");

        foreach (var sql in new[]
        {
            $"UPDATE workflow_history SET actor_name = '他人' WHERE instance_id = '{instance}'",
            $"DELETE FROM workflow_history WHERE instance_id = '{instance}'",
            "TRUNCATE workflow_history CASCADE",
        })
        {
            await Should.ThrowAsync<PostgresException>(() => app.Database.ScalarAsync<int>(sql));
        }

        (await VerifyAsync()).ShouldBeEmpty();

        // Someone with the power to switch the trigger off edits a decision: the chain shows which application and where.
        var original = await app.Database.ScalarAsync<string>($"SELECT inputs::text FROM workflow_history WHERE instance_id = '{instance}' AND sequence = 2");
        await TamperAsync(instance, """'{"opinion": "改过的"}'""");
        try
        {
            var problem = (await VerifyAsync()).ShouldHaveSingleItem();
            problem.SubjectId.ShouldBe(id);
            problem.Problem.ShouldContain("第2条记录的内容与其哈希不符");
        }
        finally
        {
            await TamperAsync(instance, $"'{original}'");
        }

        (await VerifyAsync()).ShouldBeEmpty();
    }

    private async Task<IReadOnlyList<ChainProblem>> VerifyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WorkflowHistory>().VerifyAllAsync()).Problems;
    }

    private Task TamperAsync(Guid instance, string inputs) => app.Database.ScalarAsync<int>($"""
        ALTER TABLE workflow_history DISABLE TRIGGER workflow_history_append_only;
        UPDATE workflow_history SET inputs = {inputs}::jsonb WHERE instance_id = '{instance}' AND sequence = 2;
        ALTER TABLE workflow_history ENABLE TRIGGER workflow_history_append_only;
        """);
}
