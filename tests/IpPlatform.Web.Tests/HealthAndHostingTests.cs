using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;

namespace IpPlatform.Web.Tests;

public sealed class HealthAndHostingTests(WebFixture app)
{
    private readonly HttpClient _client = app.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_clock_driven_work_is_scheduled_in_the_clustered_store()
    {
        var scheduler = await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        foreach (var (name, work) in new[] { ("application-timers", typeof(IpPlatform.Kernel.Scheduling.ApplicationTimers)), ("oidc-housekeeping", typeof(IpPlatform.Identity.Oidc.OidcHousekeeping)) })
        {
            var job = (await scheduler.GetJobDetail(new Quartz.JobKey(name))).ShouldNotBeNull(name);
            job.JobType.Type.ShouldBe(typeof(IpPlatform.Kernel.Scheduling.ScheduledJob<>).MakeGenericType(work));
            (await scheduler.GetTrigger(new Quartz.TriggerKey(name))).ShouldNotBeNull().JobKey.Name.ShouldBe(name);
        }
    }

    [Fact]
    public void The_connection_string_is_tuned_unless_it_says_otherwise()
    {
        var tuned = IpPlatform.Web.Data.DatabaseSetup.Tuned("Host=db;Database=ipp;Username=ipp");
        tuned.ShouldContain("Max Auto Prepare=64");
        tuned.ShouldContain("No Reset On Close=True");
        tuned.ShouldContain("Maximum Pool Size=50");
        var own = IpPlatform.Web.Data.DatabaseSetup.Tuned("Host=db;Database=ipp;Username=ipp;Max Auto Prepare=0;Maximum Pool Size=200;No Reset On Close=false");
        own.ShouldContain("Maximum Pool Size=200");
        own.ShouldNotContain("Max Auto Prepare=64");
        own.ShouldNotContain("No Reset On Close=True");
    }

    [Fact]
    public async Task Healthz_reports_database_migrations_and_modules()
    {
        var response = await _client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("healthy");
        var checks = body.GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("healthy");
        checks.GetProperty("migrations").GetProperty("status").GetString().ShouldBe("healthy");
        checks.GetProperty("modules").GetProperty("data").GetProperty("modules").GetArrayLength().ShouldBe(5);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/programs")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }

    [Fact]
    public async Task An_unknown_page_gets_a_chinese_404_page()
    {
        var response = await _client.GetAsync("/no-such-page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("页面不存在");
        html.ShouldContain("lang=\"zh-CN\"");
    }

    [Fact]
    public async Task An_unhandled_error_shows_a_chinese_page_with_a_request_id_and_no_stack_trace()
    {
        var response = await _client.GetAsync(WebFixture.FailingPage);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("系统出错了");
        html.ShouldMatch("请求编号：<code>[0-9a-f]{32}</code>");
        html.ShouldNotContain("secret-internal-detail");
        html.ShouldNotContain("InvalidOperationException");
        html.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task An_unhandled_api_error_answers_problem_json_with_a_request_id()
    {
        var response = await _client.GetAsync(WebFixture.FailingApi);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("title").GetString().ShouldBe("服务器内部错误");
        body.GetProperty("requestId").GetString()!.Length.ShouldBe(32);
        body.GetRawText().ShouldNotContain("secret-internal-detail");
    }

    [Fact]
    public async Task An_unknown_api_route_answers_problem_json_not_a_page()
    {
        var response = await _client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("页面不存在");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var response = await _client.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/programs", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/calendar/working-days", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Front_end_packages_are_served_from_wwwroot()
    {
        (await _client.GetAsync("/lib/bootstrap/css/bootstrap.min.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync("/lib/htmx/htmx.min.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
