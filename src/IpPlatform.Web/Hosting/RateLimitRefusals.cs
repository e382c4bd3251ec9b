using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>A refused request: what, counted how, and when to try again; the error page (/error/429) shows <see cref="Message"/>.</summary>
public sealed record RateLimitRefusal(LimitedAction Action, RateLimitDimension Dimension, int Limit, TimeSpan Window, int RetryAfterSeconds)
{
    public string Message =>
        $"{RateLimitOptions.Describe(Action)}过于频繁：同一{(Dimension == RateLimitDimension.Account ? "账户" : "网络地址")}" +
        $"{Span(Window)}内最多{Limit}次。请{Span(TimeSpan.FromSeconds(RetryAfterSeconds))}后再试。";

    private static string Span(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        return seconds % 3600 == 0 ? $"{seconds / 3600}小时" : seconds % 60 == 0 ? $"{seconds / 60}分钟" : $"{seconds}秒";
    }
}

/// <summary>
/// Answers a request over a limit: 429 with Retry-After (whole seconds) and, for pages, the Chinese error page saying
/// what was refused (the status code page re-executes /error/429); the token endpoint answers in OAuth's JSON. The first
/// refusal of each action, dimension and key in a window is audited (“rate-limit.refused”), the rest only counted, so a
/// flood cannot turn into as many writes.
/// </summary>
public sealed class RateLimitRefusals(IOptions<RateLimitOptions> options, ILogger<RateLimitRefusals> logger) : IDisposable
{
    /// <summary>Partitions audited in their current window; when this many are, further refusals are logged but not audited.</summary>
    private const int MaxAudited = 10_000;

    private readonly MemoryCache _audited = new(new MemoryCacheOptions());

    public async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (LimitedRequest.Of(http) is not { RefusedBy: { } dimension } request)
        {
            return;   // the search pages' concurrency limit: the error page's general 429
        }

        var rule = options.Value.Rule(request.Action);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : rule.Window;
        var refusal = new RateLimitRefusal(request.Action, dimension, options.Value.Limit(request.Action, dimension), rule.Window,
            Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Features.Set(refusal);
        await AuditOnceAsync(http, request, refusal, ct);

        if (request.Action == LimitedAction.Token)
        {
            // RFC 6749 has no error code for this; temporarily_unavailable says what it is. Descriptions are ASCII (§5.2).
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsJsonAsync(new JsonObject
            {
                ["error"] = "temporarily_unavailable",
                ["error_description"] = $"too many token requests from this client address; retry after {refusal.RetryAfterSeconds} seconds",
            }, ct);
        }
    }

    private async Task AuditOnceAsync(HttpContext http, LimitedRequest request, RateLimitRefusal refusal, CancellationToken ct)
    {
        var key = (request.Action, refusal.Dimension, request.KeyFor(refusal.Dimension));
        if (_audited.TryGetValue(key, out _))
        {
            return;
        }

        if (_audited.Count >= MaxAudited)
        {
            logger.LogWarning("Rate limit {Action} refused {Dimension} {Key}; not audited ({Count} partitions already are)", request.Action, refusal.Dimension, key.Item3, MaxAudited);
            return;
        }

        _audited.Set(key, true, refusal.Window);
        var account = refusal.Dimension == RateLimitDimension.Account ? request.Account : null;
        await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync("rate-limit.refused", AuditOutcome.Failure, "rate-limit", request.Action.ToString(),
            new JsonObject
            {
                ["dimension"] = refusal.Dimension.ToString(),
                ["limit"] = refusal.Limit,
                ["window"] = refusal.Window.ToString("c", CultureInfo.InvariantCulture),
                ["path"] = http.Request.Path.Value,
            },
            actorId: Guid.TryParse(account, out var id) ? id : null, actorName: Guid.TryParse(account, out _) ? null : account, ct: ct);
    }

    public void Dispose() => _audited.Dispose();
}
