using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

public sealed class EditorJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task An_editor_publishes_a_notice_and_it_appears_on_the_notices_page_without_a_restart()
    {
        var title = $"关于浏览器测试发布的通知（{Guid.NewGuid():N}）"[..24];
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("登录邮箱").FillAsync("editor.province@example.com");
        await page.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("动态口令").FillAsync(Totp.Code(DemoAccounts.TotpKey("editor.province@example.com"), DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        await page.GotoAsync("/editor/notices");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建通知" }).ClickAsync();
        await page.GetByLabel("标题").FillAsync(title);
        await page.GetByLabel("发文单位").FillAsync("辽宁省知识产权局");
        await page.GetByLabel("年度").FillAsync("2026");
        await page.GetByLabel("相关项目").SelectOptionAsync("high-value-patent");
        await page.GetByLabel("正文").FillAsync("## 一、说明\n\n这是浏览器测试发布的通知正文。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "editor-after-publish");
        await page.GetByText("已发布第1版").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "editor-published");

        await using var visitorBrowser = await app.NewPageAsync();

        var (visitor, visitorErrors) = visitorBrowser;
        await visitor.GotoAsync("/notices");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        (await visitor.Locator("h1").InnerTextAsync()).ShouldBe(title);
        (await visitor.Locator(".notice-body h2").InnerTextAsync()).ShouldBe("一、说明");
        await BrowserFixture.ScreenshotAsync(visitor, "notice-public");

        errors.ShouldBeEmpty();
        visitorErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_editor_schedules_cancels_and_takes_down_a_notice_and_a_page_with_the_buttons_of_their_pages()
    {
        var title = $"定时发布测试通知{Guid.NewGuid():N}"[..20];
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await Steps.SignInAsync(page, "editor.province@example.com");

        // A draft notice, scheduled, the schedule cancelled, scheduled again — all from the notice's own page.
        await page.GotoAsync("/editor/notices");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建通知" }).ClickAsync();
        await page.GetByLabel("标题").FillAsync(title);
        await page.GetByLabel("发文单位").FillAsync("辽宁省知识产权局");
        await page.GetByLabel("正文").FillAsync("定时发布的通知正文。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.GetByText("已保存为第1版草稿").WaitForAsync();
        var noticeId = Guid.Parse(page.Url.Split('/')[^1]);

        var inTenMinutes = DateTime.UtcNow.AddHours(8).AddMinutes(10).ToString("yyyy-MM-ddTHH:mm");
        await page.GetByLabel("时间（北京时间）").FillAsync(inTenMinutes);
        await page.GetByLabel("操作").SelectOptionAsync("Publish");
        await page.GetByRole(AriaRole.Button, new() { Name = "定时" }).ClickAsync();
        await page.GetByText("发布第1版", new() { Exact = false }).First.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "editor-scheduled");

        await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await page.GetByText("已取消定时任务").WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).CountAsync()).ShouldBe(0);

        await page.GetByLabel("时间（北京时间）").FillAsync(inTenMinutes);
        await page.GetByRole(AriaRole.Button, new() { Name = "定时" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).WaitForAsync();
        await app.FireSchedulesAsync(noticeId);

        await using var visitorBrowser = await app.NewPageAsync();
        var (visitor, _) = visitorBrowser;
        await visitor.GotoAsync("/notices");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        (await visitor.Locator("h1").InnerTextAsync()).ShouldBe(title);

        // 立即撤下 from the notice's page: the public page is gone at once.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "立即撤下" }).ClickAsync();
        await page.GetByText("已撤下，公众将看不到该通知").WaitForAsync();
        (await visitor.GotoAsync($"/notices/{noticeId}"))!.Status.ShouldBe(404);
        await visitor.GotoAsync("/notices");
        (await visitor.GetByRole(AriaRole.Link, new() { Name = title }).CountAsync()).ShouldBe(0);

        // A page: published, then taken down by a schedule set on its own page.
        var pageTitle = $"办事指南{Guid.NewGuid():N}"[..12];
        await page.GotoAsync("/editor/pages");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建页面" }).ClickAsync();
        await page.GetByLabel("标题").FillAsync(pageTitle);
        await page.GetByLabel("正文").FillAsync("## 一、流程\n\n注册、认证、申报。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        await page.GetByText("已发布第1版").WaitForAsync();
        var pageId = Guid.Parse(page.Url.Split('/')[^1]);
        await visitor.GotoAsync($"/pages/{pageId}");
        (await visitor.Locator("h1").InnerTextAsync()).ShouldBe(pageTitle);

        await page.GetByLabel("时间（北京时间）").FillAsync(inTenMinutes);
        await page.GetByLabel("操作").SelectOptionAsync("Unpublish");
        await page.GetByRole(AriaRole.Button, new() { Name = "定时" }).ClickAsync();
        await page.GetByText("撤下", new() { Exact = false }).First.WaitForAsync();
        await app.FireSchedulesAsync(pageId);
        (await visitor.GotoAsync($"/pages/{pageId}"))!.Status.ShouldBe(404);

        errors.ShouldBeEmpty();
    }
}
