using System.Text.Json;
using IpPlatform.Kernel.Modules;
using IpPlatform.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpPlatform.Web.Hosting;

/// <summary>A round trip to PostgreSQL (a pooled connection alone proves nothing); when it fails, the reason in a few words.</summary>
public sealed class DatabaseHealthCheck(PlatformDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy("数据库可连接");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            DatabaseUnavailable.ForgetConnections(ex);
            var reason = DatabaseUnavailable.Reason(ex) ?? ex.GetType().Name;
            return HealthCheckResult.Unhealthy($"数据库无法连接（{reason}）", data: new Dictionary<string, object> { ["reason"] = reason });
        }
    }
}

/// <summary>Healthy once every migration of this build is applied; the answer is remembered after that.</summary>
public sealed class MigrationsHealthCheck(PlatformDbContext db) : IHealthCheck
{
    private static volatile bool _applied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (_applied)
        {
            return HealthCheckResult.Healthy("迁移已全部应用");
        }

        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        }
        catch (Exception ex) when (DatabaseUnavailable.IsCause(ex))
        {
            return HealthCheckResult.Unhealthy("无法检查迁移：数据库无法连接");
        }

        _applied = pending.Count == 0;
        return _applied
            ? HealthCheckResult.Healthy("迁移已全部应用")
            : HealthCheckResult.Unhealthy("有未应用的迁移", data: new Dictionary<string, object> { ["pending"] = pending });
    }
}

public sealed class ModulesHealthCheck(ModuleCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(catalog.Modules.Count > 0
            ? HealthCheckResult.Healthy($"已加载 {catalog.Modules.Count} 个模块",
                new Dictionary<string, object> { ["modules"] = catalog.Modules.Select(m => m.Manifest.Id).ToList() })
            : HealthCheckResult.Unhealthy("没有加载任何项目模块"));
}

public static class HealthEndpoint
{
    public static IServiceCollection AddPlatformHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MigrationsHealthCheck>("migrations")
            .AddCheck<ModulesHealthCheck>("modules");
        return services;
    }

    public static void MapPlatformHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString().ToLowerInvariant(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count > 0 ? e.Value.Data : null,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
