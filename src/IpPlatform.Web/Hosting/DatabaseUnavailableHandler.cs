using System.Text.Encodings.Web;
using IpPlatform.Kernel.Site;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// When PostgreSQL cannot be reached, a request that needed it ends here instead of the generic error page: 503 with
/// <c>Retry-After</c>, a Chinese page that says the service is briefly unavailable and that what was saved before is
/// kept (built without the database, the layout or the sign-in state, all of which may need it); problem+json for API
/// and token callers; a line of text for htmx (autosave). Connections the pool holds to the server that went away are
/// dropped, so the first request after PostgreSQL returns opens a fresh one: the app recovers by itself.
/// </summary>
public sealed class DatabaseUnavailableHandler(SiteInfo site, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public const string Title = "服务暂时不可用";

    public const string Message = "平台的数据库暂时无法连接，服务将在短时间内自动恢复。您此前已保存或提交的内容都完好保存在平台上，不会因此丢失。";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (DatabaseUnavailable.Reason(exception) is not { } reason)
        {
            return false;
        }

        // The middleware has already pointed the request at the error page's path: the original one is in the feature.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value);
        logger.LogWarning("Database unavailable ({Reason}): {Method} {Path} answered 503", reason, context.Request.Method, path);
        DatabaseUnavailable.ForgetConnections(exception);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        var requestId = RequestIds.Of(context);
        if (WantsJson(path, context.Request))
        {
            await response.WriteAsJsonAsync(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Title,
                Detail = $"{Message}请在 {RetryAfterSeconds} 秒后重试。",
                Extensions = { ["requestId"] = requestId },
            }, options: null, contentType: "application/problem+json; charset=utf-8", ct);
            return true;
        }

        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("暂时无法保存：平台的数据库暂时无法连接。页面上填写的内容仍在，此前保存的内容不会丢失，请稍后再保存。", ct);
            return true;
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Page(site.LastRead.Name, requestId), ct);
        return true;
    }

    private static bool WantsJson(PathString path, HttpRequest request) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/connect")
        || (request.Headers.Accept.ToString() is var accept && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The page, complete in itself: the site's styles, its name as last read, no script.</summary>
    private static string Page(string siteName, string requestId)
    {
        var name = HtmlEncoder.Default.Encode(siteName);
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{Title} - {name}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" />
                <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body class="d-flex flex-column min-vh-100">
                <header class="site-header">
                    <nav class="navbar navbar-dark site-nav" aria-label="主导航"><div class="container"><a class="navbar-brand fw-semibold" href="/">{name}</a></div></nav>
                </header>
                <main id="main" class="container flex-grow-1 py-4">
                    <div class="py-4">
                        <h1 class="h2">{Title}</h1>
                        <p class="lead">{Message}</p>
                        <p>刚才的操作没有完成。请稍等片刻（约 {RetryAfterSeconds} 秒）后刷新页面；如刚才提交了表单，可用浏览器的“返回”回到原页面，稍后再提交。</p>
                        <p class="text-secondary">错误代码：503　请求编号：<code>{HtmlEncoder.Default.Encode(requestId)}</code></p>
                        <p><a href="/">返回首页</a></p>
                    </div>
                </main>
            </body>
            </html>
            """;
    }
}
