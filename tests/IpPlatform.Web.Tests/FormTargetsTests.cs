using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Accounts;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests;

/// <summary>
/// No rendered form points nowhere: every role walks every page it can reach from its home page (with an application
/// in each kind of review, an expert's assignment, a 公示 and editor pages of each kind in the data), and every form,
/// every button's formaction and every htmx request on those pages is sent as a probe — through routing,
/// authorization, antiforgery, handler selection and binding, stopping before the handler runs — which must land on a
/// page handler that exists for its method, with every required parameter supplied. The same walk checks that every
/// page says where the user is (a title of its own, matching its heading) and that no list on it is left blank.
/// </summary>
public sealed partial class FormTargetsTests(WebFixture app)
{
    private const int MaxPagesPerAccount = 400;
    private const int MaxPagesPerRoute = 2;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid36();

    [GeneratedRegex(@"(?<=/)\d+(?=/|$)")]
    private static partial Regex Number();

    /// <summary>One page as one account saw it on the walk.</summary>
    private sealed record WalkedPage(string Who, string Url, PageOutline Outline);

    private sealed record Walk(IReadOnlyList<WalkedPage> Pages, IReadOnlyList<string> Broken, int TargetsProbed, IReadOnlySet<string> Routes);

    /// <summary>The walk is made once (it takes a while) and each test below reads what it found.</summary>
    private static Task<Walk>? _walk;
    private static readonly Lock WalkLock = new();

    private Task<Walk> WalkOnceAsync()
    {
        lock (WalkLock)
        {
            return _walk ??= WalkEveryRoleAsync();
        }
    }

    [Fact]
    public async Task Every_form_on_every_page_each_role_reaches_lands_on_a_handler_that_exists()
    {
        var walk = await WalkOnceAsync();
        walk.Broken.ShouldBeEmpty($"{walk.Broken.Count} 个表单目标不可用（共访问 {walk.Pages.Count} 个页面，探测 {walk.TargetsProbed} 个目标）：\n" + string.Join("\n", walk.Broken.Distinct()));
        walk.Pages.Count.ShouldBeGreaterThan(200, "the walk reached the site");
        File.WriteAllLines(Path.Combine(Artifacts.Directory("walk"), "routes.txt"), walk.Routes.Order());
        MustReach.Except(walk.Routes).ShouldBeEmpty("pages of every kind were walked: " + string.Join(" ", walk.Routes.Order()));
        walk.TargetsProbed.ShouldBeGreaterThan(100, "the walk found the forms");
    }

    /// <summary>
    /// Every page each role reaches says where the user is: its title names the page (not the site alone), names the same
    /// place as its heading, and no two different pages the same account reaches share a title (unless they show two
    /// things of the same name), and a page about one of many things names which.
    /// </summary>
    [Fact]
    public async Task Every_page_each_role_reaches_has_a_title_of_its_own_that_matches_its_heading()
    {
        var walk = await WalkOnceAsync();
        var site = walk.Pages.First(p => p.Url == "/").Outline.Heading!;
        var problems = new List<string>();
        foreach (var page in walk.Pages)
        {
            var part = page.Outline.PagePart(site);
            if (part.Length == 0 || part == site)
            {
                problems.Add($"{page.Who}: {page.Url} 的标题只有站点名称（“{page.Outline.Title}”）");
            }
            else if (!page.Outline.TitleMatchesHeading(site))
            {
                problems.Add($"{page.Who}: {page.Url} 的标题“{part}”与一级标题“{page.Outline.Heading}”不符");
            }
        }

        // Two kinds of page never share a title; two pages of one kind may only when they show things of the same name
        // (their headings are the same too — demo and test organisations share names).
        foreach (var same in walk.Pages.GroupBy(p => (p.Who, p.Outline.Title)))
        {
            // A page's own GET handler (/review/{id}/input-file) that shows the page again is that page.
            var paths = same.Select(p => p.Url.Split('?')[0]).Distinct().ToList();
            var kinds = paths.Where(p => !paths.Any(other => p.StartsWith(other + "/", StringComparison.Ordinal)))
                .Select(RouteKey).Distinct().ToList();
            var headings = same.Select(p => p.Outline.Heading).Distinct().ToList();
            if (kinds.Count > 1 || headings.Count > 1)
            {
                problems.Add($"{same.Key.Who}: 不同页面标题相同（“{same.Key.Title}”）：{string.Join("、", same.Select(p => p.Url).Distinct().Take(4))}");
            }
        }

        // A page about one thing of many (an application, a notice, a score sheet) names that thing: the title of its kind
        // of page is not the same whichever thing it shows.
        foreach (var kind in walk.Pages.GroupBy(p => RouteKey(p.Url.Split('?')[0])).Where(k => k.Key.Contains('{')))
        {
            var paths = kind.Select(p => p.Url.Split('?')[0]).Distinct().Count();
            if (paths >= 3 && kind.Select(p => p.Outline.Title).Distinct().Count() == 1)
            {
                problems.Add($"{kind.Key} 的 {paths} 个页面标题都是“{kind.First().Outline.Title}”，没有说明是哪一个");
            }
        }

        File.WriteAllLines(Path.Combine(Artifacts.Directory("walk"), "titles.txt"),
            walk.Pages.Select(p => $"{p.Who}\t{p.Url}\t{p.Outline.Title}\t{p.Outline.Heading}").Order());
        problems.ShouldBeEmpty($"{problems.Count} 个页面标题没有说明所在位置（共 {walk.Pages.Count} 个页面）：\n" + string.Join("\n", problems.Distinct()));
    }

    /// <summary>No list or table on any page a role reaches is blank: an empty one says what to do instead (a row or a sentence).</summary>
    [Fact]
    public async Task No_page_each_role_reaches_shows_a_blank_list()
    {
        var walk = await WalkOnceAsync();
        var blank = walk.Pages.SelectMany(p => p.Outline.BlankLists.Select(list => $"{p.Who}: {p.Url} {list}")).Distinct().ToList();
        blank.ShouldBeEmpty($"{blank.Count} 个空列表没有说明下一步：\n" + string.Join("\n", blank));
    }

    private async Task<Walk> WalkEveryRoleAsync()
    {
        var (admin, member) = await DataOfEveryKindAsync();
        var accounts = new List<(string Who, FormClient Client)> { ("申报单位管理员", admin), ("申报单位成员", member), ("访客", app.NewFormClient()) };
        foreach (var email in DemoAccounts.StaffEmails)
        {
            accounts.Add((email, await app.SignedInAsync(email)));
        }

        var broken = new List<string>();
        var routes = new HashSet<string>();
        var pages = new List<WalkedPage>();
        var targetsProbed = 0;
        foreach (var (who, client) in accounts)
        {
            var (seen, probed, problems) = await WalkAsync(client, routes);
            targetsProbed += probed;
            pages.AddRange(seen.Select(p => new WalkedPage(who, p.Url, p.Outline)));
            broken.AddRange(problems.Select(p => $"{who}: {p}"));
        }

        return new Walk(pages, broken, targetsProbed, routes);
    }

    /// <summary>
    /// Data a person would click through: an award with its obligations, applications in city review and in expert review
    /// (one expert assigned), a 公示 of a Shenyang outlet, a pending certification, a page, a member of the applicant organisation.
    /// </summary>
    private async Task<(FormClient Admin, FormClient Member)> DataOfEveryKindAsync()
    {
        var (admin, _, _, _) = await Lifecycle.Awarded004Async(app);   // a centre with its award, what it owes, its reports to file
        await Chains.Submitted004Async(app);   // and an application waiting for the city
        var (inExperts, _) = await Chains.InExpertReviewAsync(app);
        var province = await app.SignedInAsync(Chains.Province);
        var assigned = await province.SubmitAsync($"/review/{inExperts}", "随机分配", [new("count", "2")]);
        assigned.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(assigned.Html));

        var (_, outlet, _) = await Chains.OrganisationAsync(app, "210102", "SocialOrganisation");
        var outletApplication = await Chains.SubmittedDirectlyAsync(app, "shenyang-info-outlet-2026-demo", outlet);
        var heping = await app.SignedInAsync(Chains.Heping);
        (await Chains.ActAsync(heping, outletApplication, "recommend",
            [("a.recommendation.opinion", "资源充足，同意推荐"), ("a.recommendation.head", "张三"), ("a.recommendation.date", Chains.Today)])).RedirectsTo($"/review/{outletApplication}").ShouldBeTrue();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await Chains.ActAsync(shenyang, outletApplication, "approve",
            [("a.filing.decision", "准予备案"), ("a.filing.handler", "李四"), ("a.filing.head", "王五"), ("a.filing.date", Chains.Today)])).RedirectsTo($"/review/{outletApplication}").ShouldBeTrue();
        var created = await shenyang.SubmitAsync("/review/publicity?round=shenyang-info-outlet-2026-demo", "发布公示",
            [new("Applications", outletApplication.ToString()), new("Title", "沈阳市知识产权信息公共服务网点拟备案名单公示"), new("StartDate", Chains.Today), new("WorkingDays", "5")]);
        created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));

        var (pending, _, _) = await Registration.RegisterAsync(app);
        (await Registration.SubmitCertificationAsync(pending)).Status.ShouldBe(HttpStatusCode.Redirect);
        var editor = await app.SignedInAsync("editor.province@example.com");
        (await editor.SubmitAsync("/editor/pages/new", "保存并发布", [new("Fields[title]", "办事指南"), new("Fields[body]", "## 一、申报流程\n\n注册、认证、申报。")]))
            .Status.ShouldBe(HttpStatusCode.Redirect);

        var email = Registration.NewEmail();
        (await admin.SubmitAsync("/org/members", "发送邀请", [new("Input.Name", "申报成员"), new("Input.Email", email)])).RedirectsTo("/org/members").ShouldBeTrue();
        var member = app.NewFormClient();
        var link = app.LatestLinkTo(email);
        (await member.SubmitAsync(link, "加入", [new("Password", "Member#2026"), new("ConfirmPassword", "Member#2026")])).RedirectsTo("/org").ShouldBeTrue();
        return (admin, member);
    }

    /// <summary>Pages of every kind the walk must have reached, so that their forms were checked.</summary>
    private static readonly string[] MustReach =
    [
        "/applications/{id}?", "/review/{id}?", "/publicity/{id}?", "/expert/{id}?", "/review/publicity?", "/review/ranking?",
        "/editor/notices/{id}?", "/editor/pages/{id}?", "/editor/notices/new?", "/editor/notices/{id}/history?", "/editor/rubrics?",
        "/admin/staff/{id}?", "/admin/calendar?", "/staff/certifications/{id}?",
        "/review/awards?", "/review/awards/{id}?", "/programs/high-value-patent/directory?", "/admin/oidc-clients?", "/org/members?", "/org/certification?", "/inbox?",
    ];

    private async Task<(List<(string Url, PageOutline Outline)> Pages, int Probed, List<string> Broken)> WalkAsync(FormClient client, HashSet<string> routes)
    {
        var queue = new Queue<string>(["/org", "/apply", "/org/certification", "/staff", "/review", "/expert", "/editor", "/admin/staff", "/inbox", "/account/apps", "/"]);
        var seen = new HashSet<string>();
        var perRoute = new Dictionary<string, int>();
        var probedTargets = new HashSet<string>();
        var broken = new List<string>();
        var pages = new List<(string Url, PageOutline Outline)>();
        while (queue.Count > 0 && pages.Count < MaxPagesPerAccount)
        {
            var url = queue.Dequeue();
            var route = RouteKey(url);
            if (!seen.Add(url) || Skipped(url) || perRoute.GetValueOrDefault(route) >= MaxPagesPerRoute)
            {
                continue;
            }

            perRoute[route] = perRoute.GetValueOrDefault(route) + 1;
            var response = await client.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            routes.Add(route);
            var html = await response.Content.ReadAsStringAsync();
            pages.Add((url, PageOutline.Read(html)));
            foreach (var link in RenderedForms.Links(html, url))
            {
                queue.Enqueue(link);
            }

            foreach (var form in RenderedForms.Parse(html, url))
            {
                foreach (var target in form.Targets)
                {
                    if (!target.Action.StartsWith('/') || !probedTargets.Add($"{target.Method} {RouteKey(target.Action)} {target.Label}"))
                    {
                        continue;
                    }

                    var fields = form.Fields.ToList();
                    if (target.ButtonName is { Length: > 0 } name)
                    {
                        fields.Add(KeyValuePair.Create(name, target.ButtonValue ?? ""));
                    }

                    if (await ProbeAsync(client, target.Method, target.Action, fields) is { } problem)
                    {
                        broken.Add($"{url} 的表单按钮“{target.Label}” → {target.Method} {target.Action}：{problem}");
                    }
                }
            }

            foreach (var (method, target, values) in RenderedForms.HtmxRequests(html, url))
            {
                if (probedTargets.Add($"{method} {RouteKey(target)} htmx") && await ProbeAsync(client, method, target, [.. values]) is { } problem)
                {
                    broken.Add($"{url} 的 htmx 请求 → {method} {target}：{problem}");
                }
            }
        }

        return (pages, probedTargets.Count, broken);
    }

    /// <summary>Why the request would not land on a handler; null when it would.</summary>
    private static async Task<string?> ProbeAsync(FormClient client, string method, string target, List<KeyValuePair<string, string>> fields)
    {
        using var request = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, target.Split('?')[0] + "?" + string.Join("&",
                new FormUrlEncodedContent(fields).ReadAsStringAsync().Result, target.Contains('?') ? target.Split('?', 2)[1] : "").Trim('&'))
            : new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(FormTargetProbe.Header, "1");
        using var response = await client.Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"应答 {(int)response.StatusCode} {response.Headers.Location}";
        }

        var answer = await response.Content.ReadFromJsonAsync<FormTargetProbe.Answer>();
        return answer switch
        {
            null => "没有应答",
            { Kind: "page", Handler: null } when method != "GET" => $"页面 {answer.Target} 没有处理 {method} 的方法",
            { Kind: "page", Missing.Count: > 0 } => $"页面 {answer.Target} 的 {answer.Handler} 缺少参数 {string.Join("、", answer.Missing)}",
            _ => null,
        };
    }

    /// <summary>Pages of one route count as one: ids and numbers in the path are placeholders, query values are dropped.</summary>
    private static string RouteKey(string url)
    {
        var parts = url.Split('?', 2);
        var path = Number().Replace(Guid36().Replace(parts[0], "{id}"), "{n}");
        var keys = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order()) : "";
        return path + "?" + keys;
    }

    /// <summary>Not pages: files, exports and static assets, and the single sign-on endpoints.</summary>
    private static bool Skipped(string url)
    {
        var path = url.Split('?')[0];
        return path.StartsWith("/lib/", StringComparison.Ordinal) || path.StartsWith("/css/", StringComparison.Ordinal)
            || path.StartsWith("/connect/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal)
            || path.EndsWith("/export", StringComparison.OrdinalIgnoreCase) || path.Contains("/files/", StringComparison.Ordinal)
            || path.EndsWith(".svg", StringComparison.Ordinal);
    }
}
