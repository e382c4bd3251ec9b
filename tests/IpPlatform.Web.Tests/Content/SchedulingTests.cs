using IpPlatform.Kernel.Content;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Content;

/// <summary>A scheduled publish is a Quartz job in PostgreSQL: it fires once, and survives the app being stopped.</summary>
public sealed class SchedulingTests(WebFixture app)
{
    [Fact]
    public async Task A_scheduled_publish_fires_once_after_a_restart()
    {
        var itemId = Guid.Empty;
        var first = new PlatformFactory(app.Database, app.DataDirectory);
        await first.InitializeAsync();
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateContent>();
            var schedule = scope.ServiceProvider.GetRequiredService<ScheduleContent>();
            var actor = new ContentActor(null, "测试");
            var created = await create.CreateAsync("Notice", "210000",
                new System.Text.Json.Nodes.JsonObject { ["title"] = "定时发布测试", ["issuer"] = "辽宁省知识产权局", ["body"] = "定时发布的正文" }, actor);
            itemId = created.Value!.Id;
            (await schedule.ScheduleAsync(itemId, ScheduledAction.Publish, DateTimeOffset.UtcNow.AddSeconds(3), null, actor)).Succeeded.ShouldBeTrue();
        }

        // Stop before it is due, then start again on the same database.
        await first.DisposeAsync();
        (await app.Database.ScalarAsync<int?>($"SELECT published_version FROM content_items WHERE id = '{itemId}'")).ShouldBeNull();
        await using var second = new PlatformFactory(app.Database, app.DataDirectory);
        await second.InitializeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.Database.ScalarAsync<int?>($"SELECT published_version FROM content_items WHERE id = '{itemId}'") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        (await app.Database.ScalarAsync<int?>($"SELECT published_version FROM content_items WHERE id = '{itemId}'")).ShouldBe(1);
        await Task.Delay(1500);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'content.published' AND object_id = '{itemId}'")).ShouldBe(1);
        (await app.Database.ScalarAsync<string>($"SELECT status FROM content_schedules WHERE item_id = '{itemId}'")).ShouldBe("Done");
        (await app.Database.ScalarAsync<string>($"SELECT actor_name FROM audit_log WHERE event = 'content.published' AND object_id = '{itemId}'")).ShouldBe("定时任务");
    }

    [Fact]
    public async Task A_schedule_in_the_past_is_refused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var schedule = scope.ServiceProvider.GetRequiredService<ScheduleContent>();
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM content_items WHERE recipe_key = 'notice:high-value-patent:seed'");

        var outcome = await schedule.ScheduleAsync(id, ScheduledAction.Unpublish, DateTimeOffset.UtcNow.AddMinutes(-1), null, new ContentActor(null, "测试"));

        outcome.Errors.All.ShouldHaveSingleItem().Message.ShouldBe("定时时间须晚于现在（北京时间）");
    }
}
