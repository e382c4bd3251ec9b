using System.Threading.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// Requests that change something (every method but GET, HEAD and OPTIONS; uploads excepted) take turns: at most
/// <see cref="PlatformOptions.ConcurrentWrites"/> run at once, the others wait in the order they came. At a deadline a
/// thousand applicants press 提交 within a second: let in all at once, every one of them queued at the database pool for
/// each of its queries in turn, so all of them finished late together and the pool's own lock took the cores; in turns,
/// each runs at full speed and the first are answered at once. A waiting request's body is read before it waits, so a
/// slow sender holds no turn; uploads (multipart) stream to disk as they arrive and do not take turns.
/// </summary>
public static class WriteAdmission
{
    public static IApplicationBuilder UseWriteAdmission(this IApplicationBuilder app)
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<PlatformOptions>>().Value.ConcurrentWrites;
        var turns = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limit > 0 ? limit : 4 * Environment.ProcessorCount,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                || request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                await next(context);
                return;
            }

            if (request.ContentLength is null or > 0)
            {
                request.EnableBuffering();
                await request.Body.DrainAsync(context.RequestAborted);
                request.Body.Position = 0;
            }

            using var turn = await turns.AcquireAsync(1, context.RequestAborted);
            await next(context);
        });
    }
}
