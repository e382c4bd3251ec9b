using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IpPlatform.Web.Tests.Workflows;

public sealed class HistoryAndConcurrencyTests(WebFixture app)
{
    private static readonly WorkflowActor ShenyangReviewer = WorkflowActor.Staff(Guid.NewGuid(), "测试审核员", [new WorkflowGrant("cityReviewer", "210100", AtProvince: false)]);

    [Fact]
    public async Task Two_reviewers_deciding_at_once_one_succeeds_and_the_other_is_told()
    {
        var (_, id, _) = await Chains.Submitted004Async(app);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var firstView = (await first.ServiceProvider.GetRequiredService<LoadApplication>().FindForStaffAsync(id, ShenyangReviewer))!;
        var secondView = (await second.ServiceProvider.GetRequiredService<LoadApplication>().FindForStaffAsync(id, ShenyangReviewer))!;

        var passed = await first.ServiceProvider.GetRequiredService<ActOnApplication>().ActAsync(firstView, "pass", ShenyangReviewer, new() { ["opinion"] = "材料初审合格，同意推荐" });
        var rejected = await second.ServiceProvider.GetRequiredService<ActOnApplication>().ActAsync(secondView, "reject", ShenyangReviewer, new() { ["reason"] = "同时作出的另一决定" });

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
    public async Task A_decision_taken_on_a_page_opened_before_the_last_change_is_not_applied()
    {
        var (applicant, id, _) = await Chains.Submitted004Async(app);
        var first = await app.SignedInAsync(Chains.Shenyang);
        var second = await app.SignedInAsync(Chains.Shenyang);
        var seenBySecond = await app.Database.ScalarAsync<int>($"SELECT last_sequence FROM workflow_instances WHERE subject_id = '{id}'");

        // The first reviewer returns it, the applicant resubmits; the second, on the page opened before, rejects.
        var deadline = DateTime.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd");
        (await Chains.ActAsync(first, id, "return", [("corrections", "补充说明"), ("reason", "不全"), ("deadline", deadline)])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        var page = (await applicant.GetAsync($"/applications/{id}")).Html;
        (await applicant.PostAsync($"/applications/{id}", Chains.CompleteForm(page), $"/applications/{id}/Submit")).RedirectsTo($"/applications/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");

        var stale = await Chains.ActAsync(second, id, "reject", [("reason", "基于旧页面的决定")], sequence: seenBySecond);
        stale.RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await second.GetAsync($"/review/{id}")).Html.ShouldContain("申报状态已有变化，本次操作未执行");
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
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

    [Fact]
    public async Task Each_submission_entry_vouches_for_its_snapshot_by_hash()
    {
        var (_, id, _) = await Chains.Submitted004Async(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.DbContext>();
        var submission = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ApplicationSubmission>().Where(s => s.ApplicationId == id));
        var recorded = await app.Database.ScalarAsync<string>($"""
            SELECT h.inputs->>'snapshotSha256' FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id
            WHERE i.subject_id = '{id}' AND h.action = 'submit'
            """);
        recorded.ShouldBe(submission.SnapshotHash());
        recorded.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_application_submitted_before_review_chains_existed_is_placed_in_its_first_review()
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app);
        var submittedAt = DateTimeOffset.UtcNow.AddDays(-3);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.DbContext>();
        var round = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Set<Kernel.Programs.Round>().Where(r => r.Key == "high-value-patent-2026-demo"));
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = round.ProgramId, OrganisationId = organisation, FormKey = "high-value-patent.application",
            FormVersion = 1, Variant = "enterprise", Status = ApplicationStatus.Submitted, Submissions = 1, SubmittedAt = submittedAt,
            CreatedAt = submittedAt, UpdatedAt = submittedAt,
        };
        db.Add(application);
        await db.SaveChangesAsync();

        (await scope.ServiceProvider.GetRequiredService<StartMissingInstances>().StartMissingInstancesAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await Chains.StateAsync(app, application.Id)).ShouldBe("cityReview");
        (await app.Database.ScalarAsync<string>($"""
            SELECT string_agg(action || ':' || role, ',' ORDER BY sequence) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id
            WHERE i.subject_id = '{application.Id}'
            """)).ShouldBe("start:system,resume:system");
        (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync("/review")).Html.ShouldContain($"/review/{application.Id}");
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
