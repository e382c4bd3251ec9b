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
        var (page, errors) = await app.NewPageAsync();
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

        var (visitor, visitorErrors) = await app.NewPageAsync();
        await visitor.GotoAsync("/notices");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        (await visitor.Locator("h1").InnerTextAsync()).ShouldBe(title);
        (await visitor.Locator(".notice-body h2").InnerTextAsync()).ShouldBe("一、说明");
        await BrowserFixture.ScreenshotAsync(visitor, "notice-public");

        errors.ShouldBeEmpty();
        visitorErrors.ShouldBeEmpty();
    }
}
