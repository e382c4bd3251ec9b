using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter, set up once for the platform: the search pages' concurrency limit, and the limits of
/// <see cref="RateLimitOptions"/> on the requests <see cref="RateLimitedAttribute"/> marks — each counted per client
/// address and, where it applies, per account; a request must pass both. Refusals: <see cref="RateLimitRefusals"/>.
/// </summary>
public static class PlatformRateLimits
{
    public static IServiceCollection AddPlatformRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .PostConfigure(o =>
            {
                if (o.Problems().ToList() is { Count: > 0 } problems)
                {
                    throw new InvalidOperationException("限流设置有误：" + string.Join("；", problems));
                }
            });
        services.AddSingleton<RateLimitRefusals>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Searches run on the request's thread and can be costly: at most one per core at a time, the rest queued
            // (or refused with 429), so a burst of them cannot starve the rest of the site.
            o.AddConcurrencyLimiter(PlatformApp.SearchLimit, l => (l.PermitLimit, l.QueueLimit) = (Environment.ProcessorCount, 64));
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, RateLimitRefusals>((o, limits, refusals) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Counted(limits.Value, RateLimitDimension.Address), Counted(limits.Value, RateLimitDimension.Account));
            o.OnRejected = refusals.RefuseAsync;
        });
        return services;
    }

    /// <summary>After routing (the page is known) and CORS (a refused browser application can read why), before authentication (OpenIddict's token endpoint works there).</summary>
    public static IApplicationBuilder UsePlatformRateLimits(this IApplicationBuilder app)
    {
        app.Use(LimitedRequest.IdentifyAsync);
        return app.UseRateLimiter();
    }

    /// <summary>One fixed window per action and key of <paramref name="dimension"/>; requests that are not limited pass.</summary>
    private static PartitionedRateLimiter<HttpContext> Counted(RateLimitOptions options, RateLimitDimension dimension) =>
        new Dimension(PartitionedRateLimiter.Create<HttpContext, (LimitedAction Action, string Key)>(http =>
            LimitedRequest.Of(http) is { } request && request.KeyFor(dimension) is { } key && options.Limit(request.Action, dimension) is > 0 and var limit
                ? RateLimitPartition.GetFixedWindowLimiter((request.Action, key), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = options.Rule(request.Action).Window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter<(LimitedAction, string)>((default, ""))), dimension);

    /// <summary>Notes which dimension refused a request, for the refusal's message and audit record.</summary>
    private sealed class Dimension(PartitionedRateLimiter<HttpContext> inner, RateLimitDimension dimension) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            Noted(resource, inner.AttemptAcquire(resource, permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            Noted(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }

        protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

        private RateLimitLease Noted(HttpContext http, RateLimitLease lease)
        {
            if (!lease.IsAcquired && LimitedRequest.Of(http) is { } request)
            {
                request.RefusedBy = dimension;
            }

            return lease;
        }
    }
}
