using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests;

/// <summary>Platform:ConcurrentWrites: requests that change something take turns; pages are served meanwhile.</summary>
public sealed class WriteAdmissionTests
{
    [Fact]
    public async Task Only_ConcurrentWrites_posts_run_at_once_and_pages_are_served_while_the_rest_wait()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.Configure<PlatformOptions>(o => o.ConcurrentWrites = 2);
        await using var app = builder.Build();
        var (inside, most, done) = (0, 0, 0);
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new object();
        app.UseWriteAdmission();
        app.MapPost("/write", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();   // read after its turn came, as a page reads its form
            lock (gate)
            {
                most = Math.Max(most, ++inside);
                if (inside == 2)
                {
                    full.TrySetResult();
                }
            }

            await release.Task;
            lock (gate)
            {
                (inside, done) = (inside - 1, done + 1);
            }

            return body;
        });
        app.MapGet("/page", () => "页面");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var http = app.GetTestClient();

        var posts = Enumerable.Range(0, 5).Select(i => http.PostAsync("/write", new StringContent($"申报{i}"))).ToList();
        await full.Task;
        (await http.GetStringAsync("/page", TestContext.Current.CancellationToken)).ShouldBe("页面");
        lock (gate)
        {
            (inside, done).ShouldBe((2, 0));
        }

        release.SetResult();
        var answers = await Task.WhenAll(posts);
        (await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).ShouldBe(Enumerable.Range(0, 5).Select(i => $"申报{i}").ToArray());
        most.ShouldBe(2);
        done.ShouldBe(5);
    }
}
