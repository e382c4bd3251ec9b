using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IpPlatform.Web.Tests;

/// <summary>
/// The platform on a PostgreSQL of the test's own, which the test stops (as an administrator does: sessions ended, new
/// connections refused) and starts again, with the same app running throughout.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_down_people_get_a_chinese_503_and_healthz_says_why_and_the_app_recovers_by_itself()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        var database = await TestDatabase.CreateAsync(cluster.ServerConnectionString);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ipp-test-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using var app = new PlatformFactory(database, dataDirectory);
            await app.InitializeAsync();
            var (applicant, code, _) = await Registration.RegisterAsync(app);
            var profile = await applicant.GetAsync("/org/profile");
            profile.Status.ShouldBe(HttpStatusCode.OK);
            var (form, _) = RenderedForms.WithButton(profile.Html, "/org/profile", "保存单位信息");
            var typed = form.Fields.Where(f => f.Key != "Input.Address").Append(new("Input.Address", "沈阳市铁西区停机期间填写的新地址")).ToList();

            await cluster.StopAsync();

            // A page, and a form posted: the Chinese 503 page, which says the saved work is kept.
            foreach (var response in new[] { await applicant.Http.GetAsync("/org/profile"), await applicant.Http.PostAsync(form.Action, new FormUrlEncodedContent(typed)) })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
                response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
                var html = await response.Content.ReadAsStringAsync();
                html.ShouldContain("lang=\"zh-CN\"");
                html.ShouldContain("<h1 class=\"h2\">服务暂时不可用</h1>");
                html.ShouldContain("您此前已保存或提交的内容都完好保存在平台上，不会因此丢失");
                html.ShouldNotContain("NpgsqlException");
            }

            // The API and a caller asking for JSON get problem+json; htmx (autosave) a line of text for its status.
            var json = new HttpRequestMessage(HttpMethod.Get, "/org/profile") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } } };
            foreach (var response in new[] { await applicant.Http.GetAsync("/api/programs"), await applicant.Http.SendAsync(json) })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("服务暂时不可用");
            }

            var htmx = new HttpRequestMessage(HttpMethod.Get, "/org/profile") { Headers = { { "HX-Request", "true" } } };
            var htmxResponse = await applicant.Http.SendAsync(htmx);
            htmxResponse.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await htmxResponse.Content.ReadAsStringAsync()).ShouldStartWith("暂时无法保存");

            // /healthz names the failing check and why.
            var health = await applicant.Http.GetAsync("/healthz");
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("status").GetString().ShouldBe("unhealthy");
            var check = body.GetProperty("checks").GetProperty("database");
            check.GetProperty("status").GetString().ShouldBe("unhealthy");
            check.GetProperty("description").GetString().ShouldStartWith("数据库无法连接（");
            check.GetProperty("data").GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
            body.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString()!.ShouldNotContain("127.0.0.1");

            await cluster.StartAgainAsync();

            // The same app, not restarted: the page works again, and the form posted again is saved.
            (await applicant.GetAsync("/org/profile")).Status.ShouldBe(HttpStatusCode.OK);
            var again = await applicant.Http.PostAsync(form.Action, new FormUrlEncodedContent(typed));
            again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
            (await database.ScalarAsync<string>($"SELECT address FROM organisations WHERE credit_code = '{code}'")).ShouldBe("沈阳市铁西区停机期间填写的新地址");
            (await applicant.Http.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await database.DisposeAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
