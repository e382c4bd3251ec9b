using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// Traces and metrics through OpenTelemetry — ASP.NET Core, outgoing HTTP and Npgsql, exported over OTLP — configured by
/// the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME,
/// OTEL_RESOURCE_ATTRIBUTES …, read from configuration, so environment variables work as they do for any OTel app). Off
/// when no OTLP endpoint is set or OTEL_SDK_DISABLED is true: nothing is collected then.
/// </summary>
public static class Telemetry
{
    public const string DefaultServiceName = "ipplatform";

    private static readonly string[] EndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static bool IsOn(IConfiguration configuration) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)
        && EndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    public static void AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        if (!IsOn(builder.Configuration))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter());
    }
}
