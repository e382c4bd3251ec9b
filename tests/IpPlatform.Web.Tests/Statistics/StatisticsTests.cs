using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Time;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Statistics;

/// <summary>
/// /staff/stats as reviewers read it: its counts against the review queue's for the same viewer, trimmed to scope,
/// downloaded as xlsx, and timed in working days by the administrators' calendar.
/// </summary>
public sealed partial class StatisticsTests(WebFixture app)
{
    private const string Program = "high-value-patent";

    [Fact]
    public async Task Counts_agree_with_the_review_queue_for_a_province_and_a_city_reviewer()
    {
        var round = await NewRoundAsync();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var dalian = await app.SignedInAsync(Chains.Dalian);
        // 沈阳: one waiting, one returned, one passed on to the province, one rejected; 大连: one waiting, one passed on.
        var s = new List<Guid>();
        for (var n = 0; n < 4; n++)
        {
            s.Add(await SubmitAsync(round, "210100"));
        }

        await Ok(Chains.ActAsync(shenyang, s[1], "return", [("corrections", "补充专利清单"), ("reason", "材料不全")]), s[1]);
        await Ok(Chains.ActAsync(shenyang, s[2], "pass", [("opinion", "材料初审合格，同意推荐")]), s[2]);
        await Ok(Chains.ActAsync(shenyang, s[3], "reject", [("reason", "不符合申报条件")]), s[3]);
        await SubmitAsync(round, "210200");
        var d2 = await SubmitAsync(round, "210200");
        await Ok(Chains.ActAsync(dalian, d2, "pass", [("opinion", "材料初审合格，同意推荐")]), d2);

        var filter = $"program={Program}&round={round}";
        foreach (var (reviewer, total) in new[] { (await app.SignedInAsync(Chains.Province), 6), (shenyang, 4) })
        {
            var stats = (await reviewer.GetAsync($"/staff/stats?{filter}")).Html;
            var queue = (await reviewer.GetAsync($"/review?view=all&kind=Application&{filter}")).Html;
            var byState = TableRows(stats, "states").ToDictionary(r => r[0], r => int.Parse(r[1]));
            byState.OrderBy(c => c.Key).ShouldBe(QueueCounts(queue).OrderBy(c => c.Key));
            byState.Values.Sum().ShouldBe(total);
            QueueTotal(queue).ShouldBe(total);

            // Each city's row against the queue filtered to that city; the overdue corrections against the queue's overdue filter.
            foreach (var city in TableRows(stats, "cities"))
            {
                var code = city[0] == "沈阳市" ? "210100" : "210200";
                QueueTotal((await reviewer.GetAsync($"/review?view=all&kind=Application&city={code}&{filter}")).Html).ShouldBe(int.Parse(city[1]));
            }

            Outcome(stats, "补正逾期（现在）").ShouldBe(QueueTotal((await reviewer.GetAsync($"/review?view=all&kind=Application&overdue=true&{filter}")).Html));
        }

        var province = (await (await app.SignedInAsync(Chains.Province)).GetAsync($"/staff/stats?{filter}")).Html;
        TableRows(province, "cities").Select(r => (r[0], r[1])).ShouldBe([("沈阳市", "4"), ("大连市", "2")]);
        Outcome(province, "推荐（区县或市级审核通过）").ShouldBe(2);
        Outcome(province, "不通过").ShouldBe(1);
        Outcome(province, "曾退回补正的申报").ShouldBe(1);
        TableRows(province, "funnel")[0].ShouldBe(["已提交", "6", "100%"]);
        province.ShouldContain("role=\"img\"");
        province.ShouldContain("<title id=\"chart-cities-title\">");
        province.ShouldNotContain("style=");
        TableRows(province, "timeline").Sum(r => int.Parse(r[1])).ShouldBe(6);
    }

    /// <summary>
    /// An edited or stale link — a program or round that does not exist, a round without its program, a very long value —
    /// is named in an error and left out: the page counts everything, as without the filter, and keeps the choice open.
    /// </summary>
    [Fact]
    public async Task A_program_or_round_that_does_not_exist_is_named_and_left_out()
    {
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var unknown = await shenyang.GetAsync("/staff/stats?program=no-such-program&round=2026");
        unknown.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        unknown.Html.ShouldContain("项目：没有标识为“no-such-program”的项目，已改为统计全部项目");
        unknown.Html.ShouldContain("批次：请先选择项目，再选择它的批次");
        unknown.Html.ShouldContain("<h1 class=\"h3\">统计分析</h1>", customMessage: "counted for every program and round");

        var round = await shenyang.GetAsync($"/staff/stats?program={Program}&round=no-such-round");
        round.Html.ShouldContain("批次：所选项目没有标识为“no-such-round”的批次");
        round.Html.ShouldContain($"<option value=\"{Program}\" selected=\"selected\"");

        var huge = await shenyang.GetAsync("/staff/stats?program=" + new string('x', 5000));
        huge.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        huge.Html.ShouldContain("“" + new string('x', 40) + "…”");
        huge.Html.ShouldNotContain(new string('x', 41));

        // The download of an edited link names the unknown filter instead of handing over a workbook of everything.
        var download = await shenyang.GetAsync("/staff/stats?program=no-such-program&handler=Export");
        download.Html.ShouldContain("项目：没有标识为“no-such-program”的项目");

        // Spaces around a known program are not a different program: it stays chosen in the list.
        var spaced = await shenyang.GetAsync($"/staff/stats?program=%20{Program}%20");
        spaced.Html.ShouldContain($"<option value=\"{Program}\" selected=\"selected\"");
    }

    [Fact]
    public async Task A_city_reviewer_never_sees_another_citys_numbers_and_applicants_are_refused()
    {
        var round = await NewRoundAsync();
        await SubmitAsync(round, "210100");
        await SubmitAsync(round, "210100", "210102");
        await SubmitAsync(round, "210200");
        await SubmitAsync(round, "210200");

        var path = $"/staff/stats?program={Program}&round={round}";
        var shenyang = (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync(path)).Html;
        TableRows(shenyang, "cities").Select(r => r[0]).ShouldBe(["沈阳市"]);
        // Nowhere in the figures (the program selector may list programs other tests named after 大连).
        System.Text.RegularExpressions.Regex.Replace(shenyang, "<select[^>]*>.*?</select>", "", System.Text.RegularExpressions.RegexOptions.Singleline)
            .ShouldNotContain("大连市");
        TableRows((await (await app.SignedInAsync(Chains.Dalian)).GetAsync(path)).Html, "cities").Select(r => r[0]).ShouldBe(["大连市"]);

        // Across every program (other tests' data included: a program a city runs reaches its applicants elsewhere too), each
        // city reviewer's total is exactly what its own queue lists.
        foreach (var reviewer in new[] { Chains.Shenyang, Chains.Dalian, Chains.Heping })
        {
            var client = await app.SignedInAsync(reviewer);
            TableRows((await client.GetAsync("/staff/stats")).Html, "states").Sum(r => int.Parse(r[1]))
                .ShouldBe(QueueTotal((await client.GetAsync("/review?view=all&kind=Application")).Html), reviewer);
        }

        var inRound = $"/staff/stats?program={Program}&round={round}";
        TableRows((await (await app.SignedInAsync(Chains.Dalian)).GetAsync(inRound)).Html, "cities").Single()[1].ShouldBe("2");
        TableRows((await (await app.SignedInAsync(Chains.Shenyang)).GetAsync(inRound)).Html, "districts").Select(r => (r[0], r[1])).ShouldBe([("和平区", "1"), ("铁西区", "1")]);
        var heping = (await (await app.SignedInAsync(Chains.Heping)).GetAsync(inRound)).Html;
        TableRows(heping, "districts").Select(r => (r[0], r[1])).ShouldBe([("和平区", "1")]);
        TableRows(heping, "cities").Select(r => (r[0], r[1])).ShouldBe([("沈阳市", "1")]);

        var (applicant, _, _) = await Chains.OrganisationAsync(app);
        (await applicant.GetAsync("/staff/stats")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await applicant.GetAsync("/staff/stats?handler=Export")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await (await app.SignedInAsync("editor.province@example.com")).GetAsync("/staff/stats")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await app.NewFormClient().GetAsync("/staff/stats")).RedirectsTo("/account/login").ShouldBeTrue();
        (await (await app.SignedInAsync(Chains.Province)).GetAsync("/staff")).Html.ShouldContain("href=\"/staff/stats\"");
    }

    [Fact]
    public async Task The_tables_download_as_an_xlsx_workbook_with_the_pages_numbers_counted_again_after_a_change()
    {
        var round = await NewRoundAsync();
        await SubmitAsync(round, "210100");
        await SubmitAsync(round, "210200");
        var province = await app.SignedInAsync(Chains.Province);
        var page = (await province.GetAsync($"/staff/stats?program={Program}&round={round}")).Html;
        page.ShouldContain($"href=\"/staff/stats?program={Program}&amp;round={round}&amp;handler=Export\"");

        var export = await province.Http.GetAsync($"/staff/stats?program={Program}&round={round}&handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheets = Sheets(await export.Content.ReadAsByteArrayAsync());
        sheets.Keys.ShouldContain("按地市");
        sheets.Keys.ShouldContain("从提交到决定的工作日");
        sheets["按地市"][0].ShouldBe(["按地市"]);
        sheets["按地市"][1].ShouldBe(["地市", "已提交", "审核中", "退回补正中", "其中补正逾期", "已批准", "未通过", "已关闭"]);
        sheets["按地市"].Skip(2).ShouldBe(TableRows(page, "cities"));
        sheets["按状态"].Skip(2).ShouldBe(TableRows(page, "states"));

        // Counted again as soon as something changes: a third submission shows at once.
        await SubmitAsync(round, "210200");
        TableRows((await province.GetAsync($"/staff/stats?program={Program}&round={round}")).Html, "cities")
            .Select(r => (r[0], r[1])).ShouldBe([("沈阳市", "1"), ("大连市", "2")]);
    }

    [Fact]
    public async Task Working_days_to_a_decision_follow_the_calendar_and_a_holiday_shifts_the_median()
    {
        var round = await NewRoundAsync();
        // Submitted two weeks ago (the platform's clock set back meanwhile), returned today by the city.
        var today = BeijingTime.Today(app.Clock);
        var submittedOn = today.AddDays(-14);
        var (_, organisation, _) = await Chains.OrganisationAsync(app);
        Guid id;
        using (app.Clock.Advance(TimeSpan.FromDays(-14)))
        {
            id = await Chains.SubmittedDirectlyAsync(app, round, organisation);
        }

        await Ok(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "return", [("corrections", "补充专利清单"), ("reason", "材料不全")]), id);
        WorkingDayCalendar calendar;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetAsync();
        }

        var expected = calendar.CountWorkingDays(submittedOn.AddDays(1), today);
        var reviewer = await app.SignedInAsync(Chains.Province);
        var path = $"/staff/stats?program={Program}&round={round}";
        Timed(await reviewer.GetAsync(path), "to-decision", "首次退回补正").ShouldBe(["1", "1", $"{expected}", $"{expected}"]);
        Timed(await reviewer.GetAsync(path), "levels", "市级审核").ShouldBe(["1", "1", $"{expected}", $"{expected}"]);

        // A holiday on a working day between the two: one working day fewer, at once.
        var holiday = Enumerable.Range(1, 14).Select(submittedOn.AddDays).First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && calendar.IsWorkingDay(d));
        var admin = await app.SignedInAsync("admin.province@example.com");
        var date = holiday.ToString("yyyy-MM-dd");
        (await admin.PostAsync("/admin/calendar", [new("Date", date), new("Kind", "Holiday"), new("Name", "统计测试假日")], "/admin/calendar/Save"))
            .RedirectsTo("/admin/calendar").ShouldBeTrue();
        try
        {
            Timed(await reviewer.GetAsync(path), "to-decision", "首次退回补正").ShouldBe(["1", "1", $"{expected - 1}", $"{expected - 1}"]);
        }
        finally
        {
            (await admin.PostAsync("/admin/calendar", [new("date", date)], "/admin/calendar/Remove")).RedirectsTo("/admin/calendar").ShouldBeTrue();
        }

        Timed(await reviewer.GetAsync(path), "to-decision", "首次退回补正")[2].ShouldBe($"{expected}");
    }

    /// <summary>A new round of the program, open like the demo round, so each test counts only its own applications.</summary>
    private async Task<string> NewRoundAsync()
    {
        var key = "stats-" + Guid.NewGuid().ToString("N")[..12];
        await app.Database.ScalarAsync<int>($"""
            INSERT INTO rounds (id, key, program_id, year, title, opens_at, closes_at, form_version, workflow_version, before_open_text, after_close_text, milestones)
            SELECT gen_random_uuid(), '{key}', program_id, year, '统计测试批次 {key}', opens_at, closes_at, form_version, workflow_version, before_open_text,
                   after_close_text, milestones
            FROM rounds WHERE key = 'high-value-patent-2026-demo'
            """);
        return key;
    }

    /// <summary>A submitted 004 application of a new organisation in <paramref name="city"/> (沈阳: 铁西区 unless another district is given; elsewhere none).</summary>
    private async Task<Guid> SubmitAsync(string round, string city, string district = "210106")
    {
        var (_, organisation, _) = await Chains.OrganisationAsync(app, district);
        if (city != "210100")
        {
            await app.Database.ScalarAsync<int>($"UPDATE organisations SET city_code = '{city}', district_code = NULL WHERE id = '{organisation}'");
        }

        return await Chains.SubmittedDirectlyAsync(app, round, organisation);
    }

    private static async Task Ok(Task<PageResponse> acting, Guid id)
    {
        var response = await acting;
        response.RedirectsTo($"/review/{id}").ShouldBeTrue(Chains.Problems(response.Html));
    }

    /// <summary>The rows of the page's table <paramref name="key"/>, as text (the row header first).</summary>
    private static List<string[]> TableRows(string html, string key)
    {
        var table = Regex.Match(html, $"data-table=\"{key}\".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(table, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(r => Regex.Matches(r.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value.Trim())).ToArray())
            .Where(r => r.Length > 1).ToList();
    }

    private static int Outcome(string html, string label) => int.Parse(TableRows(html, "outcomes").Single(r => r[0] == label)[1]);

    private static string[] Timed(PageResponse page, string table, string label) => TableRows(page.Html, table).Single(r => r[0] == label)[1..];

    /// <summary>The queue's counts by state (its badges but the first, “全部”).</summary>
    private static Dictionary<string, int> QueueCounts(string html) =>
        Badge().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).Where(t => !t.StartsWith("全部", StringComparison.Ordinal))
            .ToDictionary(t => t[..t.LastIndexOf(' ')], t => int.Parse(t[(t.LastIndexOf(' ') + 1)..]));

    private static int QueueTotal(string html) => int.Parse(Regex.Match(html, "共 (\\d+) 条").Groups[1].Value);

    [GeneratedRegex("class=\"badge rounded-pill[^\"]*\"[^>]*>([^<]+)</a>")]
    private static partial Regex Badge();

    private static Dictionary<string, List<string[]>> Sheets(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Descendants<Sheet>().ToDictionary(s => s.Name!.Value!, s =>
            ((WorksheetPart)workbook.GetPartById(s.Id!.Value!)).Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()).ToList());
    }
}
