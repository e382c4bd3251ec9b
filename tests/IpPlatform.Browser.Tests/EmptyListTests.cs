using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>
/// Every list a person of each role meets on the first day says, when it is empty, what to do next — a sentence (and
/// where it helps a link), never a blank table or an empty list.
/// </summary>
public sealed class EmptyListTests(BrowserFixture browser, FirstDayFixture firstDay) : IClassFixture<FirstDayFixture>
{
    /// <summary>Who (null: a visitor), the list page, and words its empty-state sentence must contain.</summary>
    public static TheoryData<string?, string, string> EmptyLists => new()
    {
        { null, "/publicity", "公示期内可对名单提出异议" },
        { null, "/search?q=zzqxv", "请换用其他关键词" },
        { null, "/notices?Year=2001", "去掉发布单位、项目或年度" },
        { "firstday.org@example.com", "/apply", "点击“查看条件并申报”开始填写" },
        { "firstday.org@example.com", "/inbox", "会发送到这里" },
        { "firstday.org@example.com", "/org", "应报送的年度报告" },
        { "firstday.org@example.com", "/account/apps", "您可随时撤销" },
        { "firstday.district@example.com", "/review", "申报单位提交或报送后将出现在这里" },
        { "firstday.district@example.com", "/review/awards", "会列在这里" },
        { "firstday.district@example.com", "/review/publicity", "勾选待公示的申报后点击“发布公示”" },
        { "firstday.city@example.com", "/review", "申报单位提交或报送后将出现在这里" },
        { "firstday.city@example.com", "/staff/certifications", "上传认证材料后将出现在这里" },
        { "firstday.province@example.com", "/review", "申报单位提交或报送后将出现在这里" },
        { "firstday.province@example.com", "/review/ranking", "请选择批次" },
        { "firstday.expert@example.com", "/expert", "分配评审任务后" },
        { "firstday.editor@example.com", "/editor/notices", "点击“新建通知”撰写" },
        { "firstday.editor@example.com", "/editor/pages", "点击“新建页面”撰写" },
        { "firstday.admin@example.com", "/admin/audit?Event=no.such.event", "放宽时间、账户或事件" },
    };

    [Theory]
    [MemberData(nameof(EmptyLists))]
    public async Task An_empty_list_says_what_to_do_next(string? email, string path, string advice)
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, firstDay.BaseAddress);
        var (page, errors) = session;
        if (email is not null)
        {
            await Steps.SignInAsync(page, email, totpKey: FirstDayFixture.TotpKey(email));
        }

        await page.GotoAsync(path);
        var empty = page.Locator("main .empty-state");
        (await empty.CountAsync()).ShouldBeGreaterThan(0, $"{path} shows that its list is empty");
        var said = string.Join(" ", await empty.AllInnerTextsAsync());
        said.ShouldContain(advice, Case.Sensitive, $"{path} says what to do next");
        PageOutline.Read(await page.ContentAsync()).BlankLists.ShouldBeEmpty($"{path} renders no blank table or list");
        await BrowserFixture.ScreenshotAsync(page, "empty" + path.Split('?')[0].Replace('/', '-') + (email is null ? "" : "-" + email.Split('@')[0]));
        errors.ShouldBeEmpty();
    }
}
