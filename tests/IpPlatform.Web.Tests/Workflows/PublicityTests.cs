using System.Net;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Workflows;

/// <summary>公示: N working days by the calendar, real-name objections within the period only, upheld or dismissed, then the result.</summary>
public sealed class PublicityTests(WebFixture app)
{
    private const string Round = "high-value-patent-2026-demo";

    private async Task<Guid> SelectedAsync()
    {
        var (id, _) = await Chains.InExpertReviewAsync(app);
        (await Chains.ActAsync(await app.SignedInAsync(Chains.Province), id, "select", [("opinion", "拟认定")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("selected");
        return id;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_publicity_runs_n_working_days_across_holidays_takes_real_name_objections_in_time_and_publishes_the_result()
    {
        var (first, second) = (await SelectedAsync(), await SelectedAsync());
        var province = await app.SignedInAsync(Chains.Province);
        var start = Today.AddDays(1);
        var holiday = await WithAsync(async s =>
        {
            var calendar = await s.GetRequiredService<CalendarStore>().GetAsync();
            var day = calendar.AddWorkingDays(start, 2);   // a working day inside the period becomes a holiday
            (await s.GetRequiredService<CalendarService>().SetAsync(day, CalendarDayKind.Holiday, "测试假日")).Succeeded.ShouldBeTrue();
            return day;
        });
        Guid id;
        try
        {
            var expectedEnd = await WithAsync(async s => (await s.GetRequiredService<CalendarStore>().GetAsync()).AddWorkingDays(start, 5));
            (await WithAsync(async s => (await s.GetRequiredService<CalendarStore>().GetAsync()).CountWorkingDays(start, expectedEnd))).ShouldBe(5);
            (await province.GetAsync($"/review/publicity?round={Round}")).Html.ShouldContain($"app-{first}");
            var nonsense = await province.PostAsync($"/review/publicity?round={Round}",
                [new("Applications", first.ToString()), new("Title", "标题"), new("StartDate", "明天"), new("WorkingDays", "五")], $"/review/publicity?handler=Create&round={Round}");
            nonsense.Html.ShouldContain("“公示期（工作日）”的值“五”无效");
            nonsense.Html.ShouldContain("“开始日期”的值“明天”无效");
            var tooLong = await province.PostAsync($"/review/publicity?round={Round}",
                [new("Applications", first.ToString()), new("Title", "标题"), new("StartDate", start.ToString("yyyy-MM-dd")), new("WorkingDays", "5"), new("Intro", new string('说', 4001))],
                $"/review/publicity?handler=Create&round={Round}");
            tooLong.Html.ShouldContain("公示说明不能超过4000字（现有4001字）");
            (await app.Database.ScalarAsync<long>("SELECT count(*) FROM public_notices WHERE title = '标题'")).ShouldBe(0);
            var created = await province.PostAsync($"/review/publicity?round={Round}",
                [new("Applications", first.ToString()), new("Applications", second.ToString()), new("Title", "2026年度辽宁省高价值专利培育中心拟认定名单公示"),
                 new("StartDate", start.ToString("yyyy-MM-dd")), new("WorkingDays", "5")], $"/review/publicity?handler=Create&round={Round}");
            created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));
            id = Guid.Parse(created.Location!.Split('/')[3]);
            (await app.Database.ScalarAsync<string>($"SELECT end_date::text FROM public_notices WHERE id = '{id}'")).ShouldBe(expectedEnd.ToString("yyyy-MM-dd"));
            expectedEnd.ShouldBeGreaterThan(holiday);
        }
        finally
        {
            await WithAsync(async s => await s.GetRequiredService<CalendarService>().RemoveAsync(holiday));
        }

        (await Chains.StateAsync(app, first)).ShouldBe("publicity");
        var page = (await app.NewFormClient().GetAsync($"/publicity/{id}")).Html;
        page.ShouldContain("公示期：");
        page.ShouldContain("沈阳测试科技有限公司");

        // Before the start nobody can object; anonymous visitors are sent to sign in.
        (await app.NewFormClient().GetAsync($"/publicity/{id}/objection")).RedirectsTo("/account/login").ShouldBeTrue();
        var objector = (await Chains.OrganisationAsync(app)).Client;
        (await objector.GetAsync($"/publicity/{id}/objection")).Html.ShouldContain("届时方可提出异议");
        await app.Database.ScalarAsync<int>($"UPDATE public_notices SET start_date = '{Today:yyyy-MM-dd}' WHERE id = '{id}'");

        // In the period: real name and contact details are required; what was typed is kept.
        var anonymous = await objector.PostMultipartAsync($"/publicity/{id}/objection",
            [new("ApplicationId", first.ToString()), new("RealName", ""), new("Phone", "13800000000"), new("Email", "a@example.com"), new("Text", "该单位申报材料中专利数量与事实不符。")], []);
        anonymous.Html.ShouldContain("请填写真实姓名（实名提出异议，匿名异议不予受理）");
        anonymous.Html.ShouldContain("该单位申报材料中专利数量与事实不符。");
        foreach (var target in new[] { first, second })
        {
            var objected = await objector.PostMultipartAsync($"/publicity/{id}/objection",
                [new("ApplicationId", target.ToString()), new("RealName", "张异议"), new("Phone", "024-12345678"), new("Email", "objector@example.com"),
                 new("Text", "该单位申报材料中专利数量与事实不符，附检索报告。")], [("evidence", "检索报告.pdf", TestData.Pdf)]);
            objected.RedirectsTo($"/publicity/{id}/objection").ShouldBeTrue(Chains.Problems(objected.Html));
        }

        (await objector.GetAsync($"/publicity/{id}/objection")).Html.ShouldContain("异议已提交");

        // Only the authority running the program sees the objectors' details and evidence.
        (await (await app.SignedInAsync(Chains.Dalian)).GetAsync($"/review/publicity/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var manage = (await province.GetAsync($"/review/publicity/{id}")).Html;
        manage.ShouldContain("张异议");
        manage.ShouldContain("检索报告.pdf");

        // One upheld (the organisation leaves the list, recorded), one dismissed with its reason.
        var objections = (await app.Database.ScalarAsync<string>($"SELECT string_agg(id::text || ':' || application_id::text, ',') FROM objections WHERE public_notice_id = '{id}'"))!
            .Split(',').Select(p => p.Split(':')).ToDictionary(p => Guid.Parse(p[1]), p => p[0]);
        (await province.PostAsync($"/review/publicity/{id}", [new("objection", objections[first]), new("uphold", "true"), new("decision", "")], $"/review/publicity/{id}/Handle"))
            .RedirectsTo($"/review/publicity/{id}").ShouldBeTrue();
        (await province.GetAsync($"/review/publicity/{id}")).Html.ShouldContain("请填写处理理由");
        (await province.PostAsync($"/review/publicity/{id}", [new("objection", objections[first]), new("uphold", "true"), new("decision", "经核实专利数量不实")], $"/review/publicity/{id}/Handle"))
            .RedirectsTo($"/review/publicity/{id}").ShouldBeTrue();
        (await province.PostAsync($"/review/publicity/{id}", [new("objection", objections[second]), new("uphold", "false"), new("decision", "经核实材料属实")], $"/review/publicity/{id}/Handle"))
            .RedirectsTo($"/review/publicity/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, first)).ShouldBe("objectionUpheld");
        (await Chains.StateAsync(app, second)).ShouldBe("publicity");
        (await app.NewFormClient().GetAsync($"/publicity/{id}")).Html.ShouldContain("经核实异议成立，已撤出名单");

        // After the last day, objections are refused as late; the result is published and the rest move on.
        await app.Database.ScalarAsync<int>($"UPDATE public_notices SET start_date = '{Today.AddDays(-10):yyyy-MM-dd}', end_date = '{Today.AddDays(-1):yyyy-MM-dd}' WHERE id = '{id}'");
        var late = await objector.PostMultipartAsync($"/publicity/{id}/objection",
            [new("ApplicationId", second.ToString()), new("RealName", "李迟到"), new("Phone", "13800000000"), new("Email", "late@example.com"), new("Text", "逾期提出的异议内容说明。")], [], $"/publicity/{id}/objection");
        late.Html.ShouldContain("逾期提出的异议不予受理");
        (await Chains.RunTimersAsync(app)).Published.ShouldBeGreaterThanOrEqualTo(1);
        (await Chains.StateAsync(app, second)).ShouldBe("approved");
        var result = await app.Database.ScalarAsync<Guid>($"SELECT result_notice_id FROM public_notices WHERE id = '{id}'");
        var notice = (await app.NewFormClient().GetAsync($"/notices/{result}")).Html;
        notice.ShouldContain("结果公布");
        notice.ShouldContain("沈阳测试科技有限公司");
        (await province.Http.GetAsync($"/review/publicity/{id}/Export")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
