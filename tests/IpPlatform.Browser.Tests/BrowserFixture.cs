using Microsoft.Extensions.DependencyInjection;
using IpPlatform.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(IpPlatform.Browser.Tests.BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace IpPlatform.Browser.Tests;

/// <summary>The platform on a real loopback port and Debian's Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : PlatformFactory
{
    private IPlaywright? _playwright;

    protected override bool ServeOnRealPort => true;

    protected override IEnumerable<string> ExtraRecipes => ["recipes/demo.recipe.json"];

    public IBrowser Browser { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("IPP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A fresh page in Chinese that records console errors (a CSP violation shows up there) and checks every platform
    /// page it shows with axe-core; dispose it (<c>await using</c>) to fail the test on any accessibility violation.
    /// </summary>
    public Task<BrowserSession> NewPageAsync() => BrowserSession.OpenAsync(Browser, BaseAddress);

    /// <summary>
    /// The clock reaches a content item's pending schedules: their Quartz jobs fire now instead of at their time (the job
    /// and what it does are the real ones), and this waits until each is done.
    /// </summary>
    public async Task FireSchedulesAsync(Guid itemId)
    {
        var scheduler = await Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        await using var connection = await Database.OpenAsync();
        var pending = new List<Guid>();
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT id FROM content_schedules WHERE item_id = '{itemId}' AND status = 'Pending'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pending.Add(reader.GetGuid(0));
            }
        }

        pending.ShouldNotBeEmpty("the editor's schedule is pending");
        foreach (var id in pending)
        {
            await scheduler.TriggerJob(new Quartz.JobKey(id.ToString(), "content"));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Database.ScalarAsync<long>($"SELECT count(*) FROM content_schedules WHERE item_id = '{itemId}' AND status = 'Pending'") > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the scheduled job ran");
            await Task.Delay(100);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Artifacts.Directory("screenshots"), name + ".png"),
            FullPage = true,
        });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
