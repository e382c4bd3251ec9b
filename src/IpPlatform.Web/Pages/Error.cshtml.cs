using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages;

/// <summary>
/// Where unhandled errors and bare error statuses end up: a Chinese page for people, problem+json for /api callers.
/// Never a stack trace; always a request id to quote to the administrator.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string RequestId { get; private set; } = "";

    public (string Title, string Message) Text => Status switch
    {
        400 => ("请求有误", "请求的内容不完整或格式不正确，请返回上一页检查后重试。"),
        403 => ("没有权限", "您没有访问该页面的权限。如认为有误，请联系本单位管理员或主管部门。"),
        404 => ("页面不存在", "您访问的页面不存在或已被移除，请检查网址，或从首页重新进入。"),
        405 => ("请求方式不被允许", "该页面不支持这种请求方式。"),
        429 => ("请求过于频繁", HttpContext.Features.Get<RateLimitRefusal>()?.Message ?? "请稍候片刻再试。"),
        _ => ("系统出错了", "服务器在处理您的请求时出错，您已填写的内容不会因此丢失。请稍后再试。"),
    };

    public IActionResult OnGet(int? status) => Respond(status);

    public IActionResult OnPost(int? status) => Respond(status);

    private IActionResult Respond(int? status)
    {
        Status = status is >= 400 and <= 599 ? status.Value : 500;
        RequestId = RequestIds.Of(HttpContext);
        Response.StatusCode = Status;
        var originalPath = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
                           ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        if (originalPath is not null && originalPath.StartsWith("/api/", StringComparison.Ordinal))
        {
            var detail = Status == 500
                ? $"请求未能完成，请稍后再试。如需联系管理员，请提供请求编号 {RequestId}。"
                : Text.Message;
            return new ObjectResult(new ProblemDetails
            {
                Status = Status,
                Title = Status == 500 ? "服务器内部错误" : Text.Title,
                Detail = detail,
                Extensions = { ["requestId"] = RequestId },
            })
            {
                StatusCode = Status,
                ContentTypes = { "application/problem+json" },
            };
        }

        return Page();
    }
}
