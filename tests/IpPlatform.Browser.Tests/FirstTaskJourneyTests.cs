using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>
/// A first-time user of each role, signed in, starts at the home page and reaches their first task in at most three
/// clicks on links and buttons the pages render (the test never types an address after the home page). Each page on the
/// way says where the user is: its title begins with its heading.
/// </summary>
public sealed class FirstTaskJourneyTests(BrowserFixture app)
{
    private const int MaxClicks = 3;

    /// <summary>Who, the accessible names they click in order, and where that lands: the address and its heading.</summary>
    public static TheoryData<string, string[], string, string> Journeys => new()
    {
        // An applicant starts (or, when it exists, reopens) its application in an open round.
        { "institute.admin@example.com", ["^查看条件并申报：.*高价值专利", "^开始填写申报书$"], "^/applications/[0-9a-f-]{36}$", "申报书" },
        { "reviewer.heping@example.com", ["^待我审核的申报$"], "^/review$", "申报审核" },
        { "reviewer.dalian@example.com", ["^待我审核的申报$"], "^/review$", "申报审核" },
        { "reviewer.province@example.com", ["^待我审核的申报$"], "^/review$", "申报审核" },
        { "expert.dalian@example.com", ["^我的评审任务（评分表）$"], "^/expert$", "专家评审" },
        { "editor.dalian@example.com", ["^编辑通知公告$"], "^/editor/notices$", "通知管理" },
        { "admin.dalian@example.com", ["^管理工作人员账户$"], "^/admin/staff$", "工作人员账户" },
    };

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task Each_role_reaches_its_first_task_from_the_home_page_in_at_most_three_clicks(string email, string[] clicks, string landsOn, string heading)
    {
        clicks.Length.ShouldBeLessThanOrEqualTo(MaxClicks);
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await Steps.SignInAsync(page, email);
        await page.GotoAsync("/");

        foreach (var name in clicks)
        {
            var target = page.Locator("main").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(name) })
                .Or(page.Locator("main").GetByRole(AriaRole.Button, new() { NameRegex = new Regex(name) }))
                .First;
            var before = page.Url;
            await target.ClickAsync();
            await page.WaitForURLAsync(url => url != before);
            await ShouldSayWhereItIsAsync(page);
        }

        new Uri(page.Url).AbsolutePath.ShouldMatch(landsOn);
        (await page.Locator("main h1").InnerTextAsync()).ShouldContain(heading);
        await BrowserFixture.ScreenshotAsync(page, "first-task-" + email.Split('@')[0]);
        errors.ShouldBeEmpty();
    }

    /// <summary>
    /// The role's own section is also one click away in the header on every page, marked as the current section once there.
    /// </summary>
    [Theory]
    [InlineData("reviewer.dalian@example.com", "审核", "/review")]
    [InlineData("expert.dalian@example.com", "评审", "/expert")]
    [InlineData("editor.dalian@example.com", "编辑", "/editor")]
    [InlineData("admin.dalian@example.com", "管理", "/admin/staff")]
    [InlineData("institute.admin@example.com", "申报", "/apply")]
    public async Task The_header_links_each_role_to_its_own_section(string email, string link, string path)
    {
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await Steps.SignInAsync(page, email);
        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**" + path);
        (await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).GetAttributeAsync("aria-current")).ShouldBe("page");
        await ShouldSayWhereItIsAsync(page);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_staff_account_sees_only_the_sections_of_its_roles_in_the_header()
    {
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await Steps.SignInAsync(page, "expert.dalian@example.com");
        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        (await nav.GetByRole(AriaRole.Link, new() { Name = "评审", Exact = true }).CountAsync()).ShouldBe(1);
        foreach (var other in new[] { "审核", "编辑", "管理" })
        {
            (await nav.GetByRole(AriaRole.Link, new() { Name = other, Exact = true }).CountAsync()).ShouldBe(0, $"an expert has no “{other}” section");
        }

        errors.ShouldBeEmpty();
    }

    /// <summary>The title names the page: it begins with the page's heading (or contains it) and is not the site's name alone.</summary>
    private static async Task ShouldSayWhereItIsAsync(IPage page)
    {
        var title = await page.TitleAsync();
        var heading = (await page.Locator("main h1").First.InnerTextAsync()).Trim();
        title.ShouldContain(" - ", Case.Sensitive, "the page's name comes before the site's");
        var own = title[..title.LastIndexOf(" - ", StringComparison.Ordinal)];
        (own.Contains(heading, StringComparison.Ordinal) || heading.Contains(own, StringComparison.Ordinal))
            .ShouldBeTrue($"the title “{title}” names the page whose heading is “{heading}”");
    }
}
