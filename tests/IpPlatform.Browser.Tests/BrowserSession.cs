using System.Text.Json;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>
/// A browser page of one test, checked for accessibility as it goes: axe-core (from npm, WCAG 2.1 A and AA rules) is
/// added to every document the page loads (as an init script, which the page's Content-Security-Policy does not govern)
/// and runs once the document has loaded; a document of the platform is not left — a navigation of the page waits
/// for its check — until the check has reported, and any violation fails the test when the session is disposed. Console
/// errors, page errors and failed responses are collected in <see cref="Errors"/> for the test to assert on.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>The WCAG 2.0/2.1 level A and AA rules (axe's tags).</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<string> Script = new(() => File.ReadAllText(AxePath()) + """

        ;(() => {
          if (window.top !== window || !location.href.startsWith(__ORIGIN__)) return;
          const id = Math.random().toString(36).slice(2);
          window.__ippAxe(JSON.stringify({ id, started: true, url: location.href }));
          const run = async () => {
            let report;
            try {
              const result = await window.axe.run(document, { runOnly: { type: 'tag', values: __TAGS__ }, resultTypes: ['violations'] });
              report = result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160) + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : ''))
              }));
            } catch (e) {
              report = [{ id: 'axe-error', impact: 'error', help: String(e), nodes: [] }];
            }
            window.__ippAxe(JSON.stringify({ id, url: location.href, violations: report }));
          };
          const loaded = () => { window.__ippAxe(JSON.stringify({ id, loaded: true, url: location.href })); setTimeout(run, 0); };
          if (document.readyState === 'complete') loaded();
          else window.addEventListener('load', loaded, { once: true });
        })();
        """);

    private readonly List<string> _violations = [];
    /// <summary>Documents whose check has not reported: whether each has finished loading (its check is running), and its report.</summary>
    private readonly Dictionary<string, (TaskCompletionSource Loaded, TaskCompletionSource Done)> _pending = [];
    private readonly Lock _lock = new();

    private readonly string _origin;

    private BrowserSession(IBrowserContext context, IPage page, string origin)
    {
        Context = context;
        Page = page;
        _origin = origin;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    /// <summary>Documents checked so far (their addresses).</summary>
    public List<string> Checked { get; } = [];

    public void Deconstruct(out IPage page, out List<string> errors) => (page, errors) = (Page, Errors);

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000); // generous for a loaded 2-core CI machine; a real failure still ends the test
        var session = new BrowserSession(context, page, baseAddress.GetLeftPart(UriPartial.Authority));
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => session.Errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                session.Errors.Add($"{response.Status} {response.Url}");
            }
        };

        await page.ExposeBindingAsync("__ippAxe", (BindingSource _, string report) => session.Receive(report));
        await page.AddInitScriptAsync(Script.Value
            .Replace("__ORIGIN__", JsonSerializer.Serialize(baseAddress.GetLeftPart(UriPartial.Authority)), StringComparison.Ordinal)
            .Replace("__TAGS__", JsonSerializer.Serialize(Tags), StringComparison.Ordinal));

        // A navigation of the page waits until the document it leaves has reported its check. (The route handler only
        // waits: the page cannot be evaluated while a navigation of it is held.)
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.IsNavigationRequest && route.Request.Frame == page.MainFrame)
            {
                await session.ChecksDoneAsync(TimeSpan.FromSeconds(3));
            }

            await route.FallbackAsync();
        });
        return session;
    }

    private void Receive(string json)
    {
        using var report = JsonDocument.Parse(json);
        var root = report.RootElement;
        var id = root.GetProperty("id").GetString()!;
        var url = root.GetProperty("url").GetString()!;
        lock (_lock)
        {
            if (root.TryGetProperty("started", out _))
            {
                _pending[id] = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                return;
            }

            if (root.TryGetProperty("loaded", out _))
            {
                if (_pending.TryGetValue(id, out var check))
                {
                    check.Loaded.TrySetResult();
                }

                return;
            }

            Checked.Add(url);
            foreach (var violation in root.GetProperty("violations").EnumerateArray())
            {
                _violations.Add($"{url}\n  [{violation.GetProperty("impact")}] {violation.GetProperty("id")}: {violation.GetProperty("help")}\n    "
                    + string.Join("\n    ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
            }

            if (_pending.Remove(id, out var done))
            {
                done.Done.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Waits for the checks of the documents shown so far. A document still loading gets <paramref name="grace"/> to
    /// finish; one that never finishes (left before it loaded) was never shown whole and is not checked. A check that
    /// does not report after its document loaded is itself a failure.
    /// </summary>
    public async Task ChecksDoneAsync(TimeSpan grace)
    {
        List<KeyValuePair<string, (TaskCompletionSource Loaded, TaskCompletionSource Done)>> waiting;
        lock (_lock)
        {
            waiting = [.. _pending];
        }

        foreach (var (id, check) in waiting)
        {
            var loaded = await Task.WhenAny(check.Loaded.Task, Task.Delay(grace)) == check.Loaded.Task;
            var reported = loaded && await Task.WhenAny(check.Done.Task, Task.Delay(CheckTimeout)) == check.Done.Task;
            if (!reported)
            {
                lock (_lock)
                {
                    _pending.Remove(id);
                    if (loaded)
                    {
                        _violations.Add($"{Page.Url}: axe 检查在 {CheckTimeout.TotalSeconds} 秒内没有完成");
                    }
                }
            }
        }
    }

    /// <summary>Waits for the last document's check and fails with every violation met on the way.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ChecksDoneAsync(TimeSpan.FromSeconds(10));
            if (Page.Url.StartsWith(_origin, StringComparison.Ordinal) && Checked.Count == 0)
            {
                _violations.Add($"{Page.Url}: axe 没有运行（页面未加载完成？）");
            }
        }
        finally
        {
            await Context.CloseAsync();
        }

        List<string> found;
        lock (_lock)
        {
            found = [.. _violations];
        }

        found.ShouldBeEmpty($"axe-core (WCAG 2.1 A/AA) 发现 {found.Count} 处无障碍问题：\n" + string.Join("\n", found));
    }

    /// <summary>axe-core as installed by ./ipp from tests/IpPlatform.Browser.Tests/package.json.</summary>
    private static string AxePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "IpPlatform.Browser.Tests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("axe-core 未安装：请运行 ./ipp test（它会在 tests/IpPlatform.Browser.Tests 下执行 npm ci）。");
    }
}
