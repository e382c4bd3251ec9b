using System.Globalization;
using IpPlatform.Kernel.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IpPlatform.Web.Api;

public static class CalendarApi
{
    public sealed record WorkingDaysResult(string From, int Count, string End);

    public static void MapCalendarApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/calendar/working-days", WorkingDaysAsync)
            .WithTags("工作日")
            .WithSummary("计算工作日期限")
            .WithDescription("从 from 当天起（当天为工作日则计入）数 count 个工作日，返回最后一天。依据管理员维护的节假日与调休表。");

    private static async Task<Results<Ok<WorkingDaysResult>, ProblemHttpResult>> WorkingDaysAsync(
        [FromQuery] string? from, [FromQuery] string? count, CalendarStore store, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return Problem(400, "参数 from（起始日期）应为 YYYY-MM-DD 格式的日期，例如 2024-01-04");
        }

        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 366)
        {
            return Problem(400, "参数 count（工作日数）应为 1 到 366 之间的整数");
        }

        var calendar = await store.GetAsync(ct);
        try
        {
            var end = calendar.AddWorkingDays(start, n);
            return TypedResults.Ok(new WorkingDaysResult(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), n,
                end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        catch (CalendarNotMaintainedException ex)
        {
            return Problem(422, ex.Message);
        }
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status == 400 ? "请求参数有误" : "无法计算");
}
