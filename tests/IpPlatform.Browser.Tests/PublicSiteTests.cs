using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

public sealed class PublicSiteTests(BrowserFixture app)
{
    [Fact]
    public async Task The_home_page_renders_in_chinese_with_its_scripts_allowed_by_the_csp()
    {
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;

        var response = await page.GotoAsync("/");

        response!.Status.ShouldBe(200);
        errors.ShouldBeEmpty();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("辽宁省知识产权项目申报平台");
        (await page.EvaluateAsync<bool>("() => typeof window.bootstrap === 'object' && typeof window.htmx === 'object'")).ShouldBeTrue();
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav.navbar')).display")).ShouldBe("flex", "Bootstrap's stylesheet is applied");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav.navbar')).backgroundColor"))
            .ShouldBe("rgb(10, 88, 202)", "the site's stylesheet darkens the bar for contrast");
        await BrowserFixture.ScreenshotAsync(page, "home");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_programs_page_lists_the_five_programs_and_their_owners()
    {
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;

        await page.GotoAsync("/programs");

        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(5);
        (await page.Locator("tr[data-program='shenyang-info-outlet'] td").First.InnerTextAsync()).ShouldBe("沈阳市知识产权局");
        (await page.Locator("tr[data-program='high-value-patent'] td").First.InnerTextAsync()).ShouldBe("辽宁省知识产权局");

        // The navigation says where the visitor is: to screen readers (aria-current) and to the eye (bold, a bar beneath).
        var current = page.Locator("nav.navbar a[aria-current]");
        (await current.CountAsync()).ShouldBe(1);
        (await current.InnerTextAsync()).ShouldBe("项目");
        (await current.GetAttributeAsync("aria-current")).ShouldBe("page");
        (await current.EvaluateAsync<string>("a => getComputedStyle(a).fontWeight")).ShouldBe("600");
        (await current.EvaluateAsync<string>("a => getComputedStyle(a).boxShadow")).ShouldContain("inset");
        (await page.Locator("nav.navbar a[href='/notices']").EvaluateAsync<string>("a => getComputedStyle(a).fontWeight")).ShouldBe("400");
        await page.GetByRole(AriaRole.Link, new() { Name = "辽宁省高价值专利培育中心" }).First.ClickAsync();
        (await page.Locator("nav.navbar a[aria-current]").GetAttributeAsync("aria-current")).ShouldBe("location", "a program's page is inside 项目");
        await BrowserFixture.ScreenshotAsync(page, "programs");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_skip_link_moves_keyboard_focus_to_the_main_content()
    {
        await using var browser = await app.NewPageAsync();
        var (page, _) = browser;
        await page.GotoAsync("/programs");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).ShouldBe("跳到主要内容");
        await page.Keyboard.PressAsync("Enter");

        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("main");
    }

    [Fact]
    public async Task On_a_phone_the_navigation_collapses_behind_a_labelled_button()
    {
        await using var browser = await app.NewPageAsync();
        var (page, _) = browser;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "展开导航菜单" });
        (await toggle.IsVisibleAsync()).ShouldBeTrue();
        await toggle.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "项目", Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await BrowserFixture.ScreenshotAsync(page, "home-phone");
    }
}
