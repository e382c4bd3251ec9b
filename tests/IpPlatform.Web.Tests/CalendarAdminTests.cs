using System.Net;
using System.Text.Json;

namespace IpPlatform.Web.Tests;

/// <summary>The calendar is data province administrators maintain: a change is audited and counts at once.</summary>
public sealed class CalendarAdminTests(WebFixture app)
{
    private async Task<string> EndAsync(string from, int count) =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/calendar/working-days?from={from}&count={count}")).RootElement.GetProperty("end").GetString()!;

    [Fact]
    public async Task A_province_administrator_adds_and_removes_a_holiday_and_working_day_periods_follow()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        (await EndAsync("2026-11-30", 2)).ShouldBe("2026-12-01");

        var saved = await admin.PostAsync("/admin/calendar", [new("Date", "2026-12-01"), new("Kind", "Holiday"), new("Name", "测试假日")], "/admin/calendar/Save");
        saved.RedirectsTo("/admin/calendar").ShouldBeTrue(saved.Html.Length > 500 ? saved.Html[..500] : saved.Html);
        try
        {
            (await EndAsync("2026-11-30", 2)).ShouldBe("2026-12-02");
            (await admin.GetAsync("/admin/calendar?year=2026")).Html.ShouldContain("测试假日");
            (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'calendar.day-set' AND object_id = '2026-12-01'")).ShouldBe(1);

            var weekday = await admin.PostAsync("/admin/calendar", [new("Date", "2026-12-03"), new("Kind", "Workday"), new("Name", "调休")], "/admin/calendar/Save");
            weekday.Status.ShouldBe(HttpStatusCode.OK);
            weekday.Html.ShouldContain("只有周六、周日才能设为调休上班");
            weekday.Html.ShouldContain("value=\"调休\"");
            var bogus = await admin.PostAsync("/admin/calendar", [new("Date", "2026-12-05"), new("Kind", "Party"), new("Name", "乱填")], "/admin/calendar/Save");
            bogus.Html.ShouldContain("“类型”的值“Party”无效");
            (await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_days WHERE name = '乱填'")).ShouldBe(0);
        }
        finally
        {
            (await admin.PostAsync("/admin/calendar", [new("date", "2026-12-01")], "/admin/calendar/Remove")).RedirectsTo("/admin/calendar").ShouldBeTrue();
        }

        (await EndAsync("2026-11-30", 2)).ShouldBe("2026-12-01");
    }

    [Fact]
    public async Task City_administrators_do_not_maintain_the_calendar()
    {
        var city = await app.SignedInAsync("admin.shenyang@example.com");
        (await city.GetAsync("/admin/calendar")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await city.PostAsync("/staff", [new("Date", "2026-12-01"), new("Kind", "Holiday"), new("Name", "越权")], "/admin/calendar/Save")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_days WHERE name = '越权'")).ShouldBe(0);
    }
}
