using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Caching;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IpPlatform.Web.Tests.ScaleOut;

/// <summary>
/// Two instances on one database: what an editor or administrator changes through one is what visitors of the other
/// see — its cached public pages, its reference data and its search index are evicted by the broadcast, not by their
/// lifetimes (30 s, 5 minutes). Each change is polled on the other instance with a deadline of
/// <see cref="SecondInstance.PollDeadline"/> (a bound on waiting, not a timing requirement); the time it took is written
/// to the test output.
/// </summary>
public sealed partial class TwoInstancesTests(WebFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private SecondInstance _b = null!;

    public async ValueTask InitializeAsync() => _b = await SecondInstance.StartAsync(app);

    public async ValueTask DisposeAsync() => await _b.DisposeAsync();

    [GeneratedRegex("/editor/notices/([0-9a-f-]{36})")]
    private static partial Regex ItemLink();

    private async Task<TimeSpan> OnBAsync(string what, Func<Task<bool>> visible)
    {
        var took = await SecondInstance.UntilAsync(visible, SecondInstance.PollDeadline, what + " on the second instance");
        output.WriteLine($"{what}: on the second instance after {took.TotalMilliseconds:0} ms");
        return took;
    }

    [Fact]
    public async Task Notices_published_through_the_editor_on_one_instance_are_listed_and_found_on_the_other()
    {
        var editor = await app.SignedInAsync("editor.province@example.com");
        var visitor = _b.Visitor();
        var (listed, found) = (new List<double>(), new List<double>());
        var (listenerA, listenerB) = (app.Services.GetRequiredService<CacheBroadcastListener>(), _b.Other.Services.GetRequiredService<CacheBroadcastListener>());
        var (heardOnA, echoesOnA, heardOnB) = (listenerA.Received, listenerA.Echoes, listenerB.Received);
        for (var n = 0; n < 20; n++)
        {
            var marker = $"跨实例{n:00}" + Guid.NewGuid().ToString("N")[..6];
            var title = $"关于{marker}的通知";
            // The other instance has the list and the search for it cached, as a visitor just asked for them.
            (await visitor.GetAsync("/notices")).Html.ShouldNotContain(title);
            (await visitor.GetAsync($"/search?q={marker}")).Html.ShouldContain("没有找到");

            var published = await editor.SubmitAsync("/editor/notices/new", "保存并发布",
                [new("Fields[title]", title), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[year]", "2026"), new("Fields[body]", "两个实例共用一个数据库。")]);
            published.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(published.Html));
            var id = ItemLink().Match(published.Location!).Groups[1].Value;

            var started = System.Diagnostics.Stopwatch.StartNew();
            await OnBAsync($"notice {n} listed", async () => (await visitor.GetAsync("/notices")).Html.Contains(title, StringComparison.Ordinal));
            listed.Add(started.Elapsed.TotalMilliseconds);
            await OnBAsync($"notice {n} found", async () => (await visitor.GetAsync($"/search?q={marker}")).Html.Contains($"/notices/{id}", StringComparison.Ordinal));
            found.Add(started.Elapsed.TotalMilliseconds);
        }

        // B heard A's evictions (pages and search pulses); A heard its own back and ignored them. (A may hear a few of B's
        // meanwhile: a job an earlier test scheduled can fire on B.)
        listenerB.Received.ShouldBeGreaterThanOrEqualTo(heardOnB + 40);
        var echoes = listenerA.Echoes - echoesOnA;
        echoes.ShouldBeGreaterThanOrEqualTo(40);
        (listenerA.Received - heardOnA).ShouldBeLessThan(echoes, "A applied none of its own evictions");
        output.WriteLine($"publish on A → listed on B: median {Median(listed):0} ms, worst {listed.Max():0} ms; found by B's search: median {Median(found):0} ms, worst {found.Max():0} ms (20 notices)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [Fact]
    public async Task A_program_and_its_round_created_and_changed_on_one_instance_show_on_the_other()
    {
        var editor = await app.SignedInAsync("editor.dalian@example.com");
        var visitor = _b.Visitor();
        var slug = $"210200-{Guid.NewGuid():N}"[..18];
        var name = "大连市跨实例测试项目" + slug[7..];
        (await visitor.GetAsync("/programs")).Html.ShouldNotContain(name);

        var created = await editor.SubmitAsync("/editor/programs/new?Module=high-value-patent", "创建", [new("Name", name), new("Slug", slug), new("Owner", "210200")]);
        created.RedirectsTo($"/editor/programs/{slug}").ShouldBeTrue(Chains.Problems(created.Html));
        await OnBAsync("new program listed", async () => (await visitor.GetAsync("/programs")).Html.Contains(name, StringComparison.Ordinal));

        (await visitor.GetAsync($"/programs/{slug}")).Html.ShouldNotContain("跨实例批次");
        var key = slug + "-r";
        var saved = await editor.SubmitAsync($"/editor/programs/{slug}", "保存批次",
            [new("Round.Key", key), new("Round.Year", "2019"), new("Round.Title", "跨实例批次（初稿）"), new("Round.Opens", "2019-03-01T09:00"), new("Round.Closes", "2019-04-01T17:00")]);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(saved.Html));
        await OnBAsync("new round shown", async () => (await visitor.GetAsync($"/programs/{slug}")).Html.Contains("跨实例批次（初稿）", StringComparison.Ordinal));

        var round = await app.Database.ScalarAsync<Guid>($"SELECT id FROM rounds WHERE key = '{key}'");
        var changed = await editor.SubmitAsync($"/editor/programs/{slug}?round={round}", "保存批次",
            [new("Round.Title", "跨实例批次（修订）"), new("Round.Closes", "2019-04-15T17:00")]);
        changed.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(changed.Html));
        await OnBAsync("changed round shown", async () =>
        {
            var html = (await visitor.GetAsync($"/programs/{slug}")).Html;
            return html.Contains("跨实例批次（修订）", StringComparison.Ordinal) && !html.Contains("跨实例批次（初稿）", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_holiday_set_on_one_instance_moves_the_other_instance_s_working_day_deadlines_and_its_removal_too()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        var visitor = _b.Visitor();
        async Task<string> EndOnB() => JsonDocument.Parse((await visitor.GetAsync("/api/calendar/working-days?from=2025-03-10&count=2")).Html)
            .RootElement.GetProperty("end").GetString()!;
        (await EndOnB()).ShouldBe("2025-03-11", "the other instance has the calendar loaded");

        var saved = await admin.SubmitAsync("/admin/calendar", "保存", [new("Date", "2025-03-11"), new("Kind", "Holiday"), new("Name", "跨实例假日")]);
        try
        {
            saved.RedirectsTo("/admin/calendar").ShouldBeTrue(Chains.Problems(saved.Html));
            await OnBAsync("holiday counted", async () => await EndOnB() == "2025-03-12");
        }
        finally
        {
            (await admin.SubmitAsync("/admin/calendar?year=2025", "删除 2025-03-11")).RedirectsTo("/admin/calendar").ShouldBeTrue();
        }

        await OnBAsync("holiday removal counted", async () => await EndOnB() == "2025-03-11");
    }

    [Fact]
    public async Task A_recipe_run_from_the_command_line_beside_the_running_instances_shows_on_both()
    {
        var slug = $"210200-cli-{Guid.NewGuid():N}"[..22];
        var name = "命令行配方创建的项目" + slug[11..];
        var (onA, onB) = (app.NewFormClient(), _b.Visitor());
        (await onA.GetAsync("/programs")).Html.ShouldNotContain(name);
        (await onB.GetAsync("/programs")).Html.ShouldNotContain(name);
        var file = Path.Combine(app.DataDirectory, slug + ".recipe.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            name = "cli-" + slug,
            steps = new[] { new { step = "programs", programs = new[] { new { slug, module = "high-value-patent", owner = "210200", name } } } },
        }));

        // As `IpPlatform.Web recipe FILE` does: the host built, never started, the recipe run, the host disposed.
        await using (var cli = Hosting.PlatformApp.Build(["--applicationName=IpPlatform.Web", $"--ConnectionStrings:Default={app.Database.ConnectionString}", $"--Platform:DataDirectory={app.DataDirectory}"]))
        {
            (await Hosting.StartupTasks.RunRecipesAsync(cli.Services, [file])).ShouldHaveSingleItem().Changes.ShouldBe(1);
        }

        await OnBAsync("program of a command-line recipe listed", async () => (await onB.GetAsync("/programs")).Html.Contains(name, StringComparison.Ordinal));
        await SecondInstance.UntilAsync(async () => (await onA.GetAsync("/programs")).Html.Contains(name, StringComparison.Ordinal), SecondInstance.PollDeadline,
            "program of a command-line recipe listed on the first instance");
    }

    [Fact]
    public async Task After_its_listening_connection_is_killed_an_instance_reconnects_and_hears_later_changes()
    {
        var listener = _b.Other.Services.GetRequiredService<CacheBroadcastListener>();
        var connections = listener.Connections;
        (await app.Database.ScalarAsync<bool>(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{listener.ApplicationName}'")).ShouldBeTrue();
        var reconnected = await SecondInstance.UntilAsync(() => Task.FromResult(listener.Connections > connections && listener.Listening), TimeSpan.FromSeconds(10), "the listener reconnected");
        output.WriteLine($"listener reconnected after {reconnected.TotalMilliseconds:0} ms");

        var visitor = _b.Visitor();
        var title = "关于重连后发布的通知" + Guid.NewGuid().ToString("N")[..6];
        (await visitor.GetAsync("/notices")).Html.ShouldNotContain(title);
        var editor = await app.SignedInAsync("editor.province@example.com");
        var published = await editor.SubmitAsync("/editor/notices/new", "保存并发布",
            [new("Fields[title]", title), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[body]", "监听连接被终止后重新连接。")]);
        published.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(published.Html));

        await OnBAsync("notice published after the reconnection listed", async () => (await visitor.GetAsync("/notices")).Html.Contains(title, StringComparison.Ordinal));
    }
}
