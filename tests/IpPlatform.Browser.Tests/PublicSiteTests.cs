using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

public sealed class PublicSiteTests(BrowserFixture app)
{
    [Fact]
    public async Task The_home_page_renders_in_chinese_with_its_scripts_allowed_by_the_csp()
    {
        var (page, errors) = await app.NewPageAsync();

        var response = await page.GotoAsync("/");

        response!.Status.ShouldBe(200);
        errors.ShouldBeEmpty();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("辽宁省知识产权项目申报平台");
        (await page.EvaluateAsync<bool>("() => typeof window.bootstrap === 'object' && typeof window.htmx === 'object'")).ShouldBeTrue();
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav.navbar')).backgroundColor"))
            .ShouldBe("rgb(13, 110, 253)", "Bootstrap's stylesheet is applied");
        await BrowserFixture.ScreenshotAsync(page, "home");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_programs_page_lists_the_five_programs_and_their_owners()
    {
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync("/programs");

        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(5);
        (await page.Locator("tr[data-program='shenyang-info-outlet'] td").First.InnerTextAsync()).ShouldBe("沈阳市知识产权局");
        (await page.Locator("tr[data-program='high-value-patent'] td").First.InnerTextAsync()).ShouldBe("辽宁省知识产权局");
        await BrowserFixture.ScreenshotAsync(page, "programs");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_skip_link_moves_keyboard_focus_to_the_main_content()
    {
        var (page, _) = await app.NewPageAsync();
        await page.GotoAsync("/programs");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).ShouldBe("跳到主要内容");
        await page.Keyboard.PressAsync("Enter");

        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("main");
    }

    [Fact]
    public async Task On_a_phone_the_navigation_collapses_behind_a_labelled_button()
    {
        var (page, _) = await app.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "展开导航菜单" });
        (await toggle.IsVisibleAsync()).ShouldBeTrue();
        await toggle.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "项目", Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await BrowserFixture.ScreenshotAsync(page, "home-phone");
    }
}
