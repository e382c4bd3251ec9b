using System.Collections.Concurrent;
using System.Text;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IpPlatform.Web.Tests.Telemetry;

/// <summary>
/// Tracing and metrics are OpenTelemetry's, switched on by the standard OTEL_* settings: with an OTLP endpoint, a page
/// request arrives at the collector as a server span, the database calls as Npgsql spans, and request metrics follow;
/// without one, nothing is collected.
/// </summary>
public sealed class OpenTelemetryTests(WebFixture app)
{
    [Fact]
    public void Without_an_otlp_endpoint_nothing_is_collected()
    {
        app.Services.GetService<TracerProvider>().ShouldBeNull();
    }

    [Fact]
    public async Task With_an_otlp_endpoint_page_requests_database_calls_and_request_metrics_reach_the_collector()
    {
        await using var collector = await Collector.StartAsync();
        await using var traced = new TracedApp(app.Database, collector.Endpoint);
        await traced.InitializeAsync();

        (await traced.NewFormClient().GetAsync("/notices")).Status.ShouldBe(System.Net.HttpStatusCode.OK);

        var page = await collector.WaitForAsync("/v1/traces", body => body.Contains("/notices"));
        page.ShouldContain("ipp-otel-test"); // OTEL_SERVICE_NAME
        page.ShouldContain("GET");
        await collector.WaitForAsync("/v1/traces", body => body.Contains("postgresql") && body.Contains("SELECT"));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => body.Contains("http.server.request.duration"));
        metrics.ShouldContain("ipp-otel-test");
    }

    private sealed class TracedApp(TestDatabase database, string endpoint)
        : PlatformFactory(database, Path.Combine(Path.GetTempPath(), "ipp-test-" + Guid.NewGuid().ToString("N")[..12]))
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_SERVICE_NAME", "ipp-otel-test");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <summary>An OTLP/HTTP collector that keeps what it is sent (protobuf; its strings are readable as UTF-8).</summary>
    private sealed class Collector(WebApplication web) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        public string Endpoint => web.Urls.First();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            var collector = new Collector(web);
            web.MapPost("/v1/{signal}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                collector._received.Enqueue((http.Request.Path, Encoding.UTF8.GetString(body.ToArray())));
                return Results.Ok();
            });
            await web.StartAsync();
            return collector;
        }

        public async Task<string> WaitForAsync(string path, Func<string, bool> matches)
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
            {
                if (_received.FirstOrDefault(r => r.Path == path && matches(r.Body)) is { Body: { } body })
                {
                    return body;
                }
            }

            throw new ShouldAssertException($"the collector received nothing matching at {path} ({_received.Count} exports in all)");
        }

        public async ValueTask DisposeAsync() => await web.DisposeAsync();
    }
}
