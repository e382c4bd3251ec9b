using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Content;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Xunit;

namespace IpPlatform.Web.Tests.ScaleOut;

/// <summary>
/// What two instances on one database share besides the data: the sign-in and antiforgery keys (in PostgreSQL), the
/// uploaded files (the shared data directory) and the scheduler (Quartz's clustered job store), so a due job runs on one
/// of them only.
/// </summary>
public sealed partial class SharedStateTests(WebFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private SecondInstance _b = null!;

    public async ValueTask InitializeAsync() => _b = await SecondInstance.StartAsync(app);

    public async ValueTask DisposeAsync() => await _b.DisposeAsync();

    [GeneratedRegex("/editor/notices/([0-9a-f-]{36})")]
    private static partial Regex ItemLink();

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_accepted_by_the_other_and_forms_cross_between_them()
    {
        var jar = new CookieContainer();
        var onA = SecondInstance.ClientOf(app, jar);
        var signedIn = await onA.SignInAsync("editor.province@example.com", DemoAccounts.Password, DemoAccounts.TotpKey("editor.province@example.com"));
        signedIn.Status.ShouldBe(HttpStatusCode.Redirect);
        signedIn.RedirectsTo("/account/login-2fa").ShouldBeFalse();

        // The cookie A issued opens a staff page (password and second factor) on B.
        var onB = SecondInstance.ClientOf(_b.Other, jar);
        var editorPage = await onB.GetAsync("/editor/notices");
        editorPage.Status.ShouldBe(HttpStatusCode.OK);
        editorPage.Html.ShouldContain("id=\"signed-in-as\"");

        // Behind a round-robin balancer every page is rendered by one instance and its form posted to the other.
        var served = new int[2];
        var balanced = _b.BalancedClient(served, jar);
        var title = "关于轮询负载均衡测试的通知" + Guid.NewGuid().ToString("N")[..6];
        var published = await balanced.SubmitAsync("/editor/notices/new", "保存并发布",
            [new("Fields[title]", title), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[body]", "页面由一个实例生成，表单提交到另一个实例。")]);
        published.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(published.Html));
        (await balanced.GetAsync(published.Location!)).Html.ShouldContain(title);
        served.ShouldAllBe(count => count > 0);

        // A fresh sign-in through the balancer: the password step on one instance, the second factor on the other.
        var fresh = _b.BalancedClient(new int[2]);
        (await fresh.SignInAsync("editor.province@example.com", DemoAccounts.Password, DemoAccounts.TotpKey("editor.province@example.com")))
            .RedirectsTo("/account/login-2fa").ShouldBeFalse();
        (await fresh.GetAsync("/editor/notices")).Status.ShouldBe(HttpStatusCode.OK);
        (await fresh.GetAsync("/editor/notices")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_file_uploaded_through_one_instance_downloads_from_the_other()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var title = "关于共享存储附件的通知" + Guid.NewGuid().ToString("N")[..6];
        var saved = await editor.SubmitAsync("/editor/notices/new", "保存草稿",
            [new("Fields[title]", title), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[body]", "附件由另一个实例提供下载。")]);
        var id = ItemLink().Match(saved.Location!).Groups[1].Value;
        var pdf = TestData.Pdf.Concat(System.Text.Encoding.ASCII.GetBytes($"% {id}\n")).ToArray();   // content of its own
        (await editor.SubmitAsync($"/editor/notices/{id}", "上传", [new("annexTitle", "附件1 申报书模板")], [("annexFile", "模板.pdf", pdf)]))
            .RedirectsTo($"/editor/notices/{id}").ShouldBeTrue();
        (await editor.SubmitAsync($"/editor/notices/{id}", "保存并发布")).Status.ShouldBe(HttpStatusCode.Redirect);

        var download = await _b.Visitor().Http.GetAsync($"/notices/{id}/annexes/0");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
    }

    [Fact]
    public async Task Both_instances_join_one_Quartz_cluster_and_each_due_publish_runs_on_one_of_them_once()
    {
        var schedulers = new[] { app, _b.Other }.Select(i => i.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask()).ToArray();
        var (a, b) = (await schedulers[0], await schedulers[1]);
        a.ShouldNotBeSameAs(b);
        a.SchedulerName.ShouldBe(b.SchedulerName);
        a.SchedulerInstanceId.ShouldNotBe(b.SchedulerInstanceId);
        (await a.GetMetadata()).JobStoreClustered.ShouldBeTrue();
        (await b.GetMetadata()).JobStoreClustered.ShouldBeTrue();
        // Each has checked in to the cluster (its first check-in follows its start).
        await SecondInstance.UntilAsync(async () => await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name IN ('{a.SchedulerInstanceId}', '{b.SchedulerInstanceId}')") == 2, TimeSpan.FromSeconds(30), "both instances checked in");

        var ran = new ConcurrentBag<(string Instance, string Job)>();
        var listeners = new[] { (a, "A"), (b, "B") }.Select(s => (s.Item1, Listener: new Executions(s.Item2, ran))).ToList();
        foreach (var (scheduler, listener) in listeners)
        {
            scheduler.ListenerManager.AddJobListener(listener, GroupMatcher<JobKey>.GroupEquals("content"));
        }

        try
        {
            // Ten notices due at the same moment, scheduled half through each instance.
            var due = DateTimeOffset.UtcNow.AddSeconds(4);
            var items = new List<Guid>();
            for (var n = 0; n < 10; n++)
            {
                await using var scope = (n % 2 == 0 ? app.Services : _b.Other.Services).CreateAsyncScope();
                var actor = new ContentActor(null, "测试");
                var created = await scope.ServiceProvider.GetRequiredService<CreateContent>().CreateAsync(NoticeQueries.NoticeType, "210000",
                    new System.Text.Json.Nodes.JsonObject { ["title"] = $"集群定时发布{n}", ["issuer"] = "辽宁省知识产权局", ["body"] = "正文" }, actor);
                (await scope.ServiceProvider.GetRequiredService<ScheduleContent>().ScheduleAsync(created.Value!.Id, ScheduledAction.Publish, due, null, actor)).Succeeded.ShouldBeTrue();
                items.Add(created.Value.Id);
            }

            var list = string.Join(",", items.Select(i => $"'{i}'"));
            await SecondInstance.UntilAsync(async () => await app.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM content_items WHERE id IN ({list}) AND published_version IS NOT NULL") == items.Count, TimeSpan.FromSeconds(30), "all ten published");
            // Give a second firing, were there one, the time to happen.
            await SecondInstance.UntilAsync(() => Task.FromResult(ran.Count >= items.Count), TimeSpan.FromSeconds(15), "every job reported as executed");
            await Task.Delay(2000);

            output.WriteLine($"due publishes run by A: {ran.Count(r => r.Instance == "A")}, by B: {ran.Count(r => r.Instance == "B")}");
            ran.Count.ShouldBe(items.Count);
            ran.Select(r => r.Job).Distinct().Count().ShouldBe(items.Count);
            (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'content.published' AND object_id IN ({list})"))
                .ShouldBe(items.Count);
        }
        finally
        {
            foreach (var (scheduler, listener) in listeners)
            {
                scheduler.ListenerManager.RemoveJobListener(listener.Name);
            }
        }
    }

    /// <summary>Records every content job a scheduler ran (its own listener per instance).</summary>
    private sealed class Executions(string instance, ConcurrentBag<(string Instance, string Job)> ran) : IJobListener
    {
        public string Name => "test-executions-" + instance;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default)
        {
            ran.Add((instance, context.JobDetail.Key.Name));
            return ValueTask.CompletedTask;
        }
    }
}
