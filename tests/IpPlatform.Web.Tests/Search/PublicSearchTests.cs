using System.Net;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Search;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Search;

/// <summary>
/// The public search, through the search box every page has: the seed notices found by their words and marked; a notice
/// reaches search once published and leaves it once withdrawn; a draft never appears; nonsense is answered, not an error.
/// </summary>
public sealed class PublicSearchTests(WebFixture app)
{
    private async Task<PageResponse> SearchAsync(string typed) =>
        (await app.NewFormClient().SubmitFormAsync("/", f => f.Action.StartsWith("/search", StringComparison.Ordinal), [new("q", typed)]))!;

    private async Task CaughtUpAsync() => await app.Services.GetRequiredService<PublicSearch>().CatchUpAsync();

    [Fact]
    public async Task The_seed_notices_are_found_by_their_words_with_the_match_marked()
    {
        await CaughtUpAsync();
        var found = await SearchAsync("品牌机构");
        found.Status.ShouldBe(HttpStatusCode.OK);
        found.Html.ShouldContain("关于组织开展2024年知识产权服务<mark>品牌机构</mark>培育工作的通知");
        var both = (await SearchAsync("培育 品牌")).Html;
        both.ShouldContain("<mark>品牌</mark>机构<mark>培育</mark>工作的通知", customMessage: "every word is required and marked");
    }

    [Fact]
    public async Task A_notice_is_searchable_once_published_and_not_after_it_is_withdrawn_and_a_draft_never()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var create = scope.ServiceProvider.GetRequiredService<CreateContent>();
        var publish = scope.ServiceProvider.GetRequiredService<PublishContent>();
        var unpublish = scope.ServiceProvider.GetRequiredService<UnpublishContent>();
        var actor = new ContentActor(null, "测试");
        var marker = "检索测试" + Guid.NewGuid().ToString("N")[..6];
        var created = await create.CreateAsync(NoticeQueries.NoticeType, "210000",
            new System.Text.Json.Nodes.JsonObject { ["title"] = $"关于{marker}的通知", ["issuer"] = "辽宁省知识产权局", ["body"] = "海外维权援助" }, actor);
        await CaughtUpAsync();
        (await SearchAsync(marker)).Html.ShouldContain("没有找到", customMessage: "a draft is not searchable");

        (await publish.PublishAsync(created.Value!.Id, null, actor)).Succeeded.ShouldBeTrue();
        await CaughtUpAsync();
        (await SearchAsync(marker)).Html.ShouldContain($"/notices/{created.Value.Id}");

        (await unpublish.UnpublishAsync(created.Value.Id, actor)).Succeeded.ShouldBeTrue();
        await CaughtUpAsync();
        (await SearchAsync(marker)).Html.ShouldNotContain($"/notices/{created.Value.Id}");
    }

    private static string ResultsOf(string html) =>
        html.Contains("search-results", StringComparison.Ordinal) ? html[html.IndexOf("search-results", StringComparison.Ordinal)..html.IndexOf("</ol>", StringComparison.Ordinal)] : "";

    [Fact]
    public async Task The_search_pages_own_form_filters_by_kind_authority_and_program_and_keeps_what_was_chosen()
    {
        await CaughtUpAsync();
        var client = app.NewFormClient();
        async Task<string> FilteredAsync(params (string Name, string Value)[] fields) =>
            (await client.SubmitFormAsync("/search?q=%E5%93%81%E7%89%8C%E6%9C%BA%E6%9E%84", f => f.Action == "/search",
                [new("q", "品牌机构"), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]))!.Html;

        var all = ResultsOf(await FilteredAsync());
        all.ShouldContain("/notices/");
        all.ShouldContain("/programs/", customMessage: "the program itself is found too");

        var notices = await FilteredAsync(("kind", "notice"));
        ResultsOf(notices).ShouldContain("/notices/");
        ResultsOf(notices).ShouldNotContain("href=\"/programs/");
        notices.ShouldContain("<option value=\"notice\" selected=\"selected\">通知公告</option>", customMessage: "the form keeps the chosen kind");

        var programs = ResultsOf(await FilteredAsync(("kind", "program"), ("program", "brand-institution")));
        programs.ShouldContain("href=\"/programs/");
        programs.ShouldNotContain("/notices/");

        var elsewhere = await FilteredAsync(("authority", "210200"), ("kind", "program"), ("program", "brand-institution"));
        ResultsOf(elsewhere).ShouldNotContain("href=\"/programs/brand-institution\"", customMessage: "the province's program is not 大连's");

        var ignored = await client.GetAsync("/search?q=%E5%93%81%E7%89%8C&kind=..%2F&program=%3Cx%3E&authority=abc&year=20x4");
        ignored.Status.ShouldBe(HttpStatusCode.OK, "filter values outside their lists are ignored");
    }

    [Theory]
    [InlineData("\"*?~:(")]
    [InlineData("AND OR NOT")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Nonsense_is_answered_with_what_was_searched(string typed)
    {
        var found = await SearchAsync(typed);
        found.Status.ShouldBe(HttpStatusCode.OK);
        found.Html.ShouldNotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task Overlong_input_is_cut_to_a_hundred_characters() =>
        (await SearchAsync(new string('专', 5_000))).Status.ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task A_second_instance_on_the_same_database_sees_a_publish_within_seconds()
    {
        await using var second = new PlatformFactory(app.Database, app.DataDirectory);
        await second.InitializeAsync();
        var marker = "跨实例" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateContent>();
            var publish = scope.ServiceProvider.GetRequiredService<PublishContent>();
            var actor = new ContentActor(null, "测试");
            var created = await create.CreateAsync(NoticeQueries.NoticeType, "210000",
                new System.Text.Json.Nodes.JsonObject { ["title"] = $"关于{marker}的通知", ["issuer"] = "辽宁省知识产权局", ["body"] = "正文" }, actor);
            (await publish.PublishAsync(created.Value!.Id, null, actor)).Succeeded.ShouldBeTrue();
        }

        // The other instance's own catch-up (every second) reads the change log; nothing tells it directly.
        var elsewhere = second.Services.GetRequiredService<PublicSearch>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (elsewhere.Search(new SearchRequest(marker)).Total == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        elsewhere.Search(new SearchRequest(marker)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task A_change_that_commits_after_a_later_one_was_caught_up_is_still_found()
    {
        // The slow transaction writes its change-log entry first (the lower id) and commits last.
        var search = app.Services.GetRequiredService<PublicSearch>();
        var actor = new ContentActor(null, "测试");
        var slowMarker = "慢事务" + Guid.NewGuid().ToString("N")[..6];
        var quickMarker = "快事务" + Guid.NewGuid().ToString("N")[..6];
        await using var slow = app.Services.CreateAsyncScope();
        await using var transaction = await slow.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.DbContext>().Database.BeginTransactionAsync();
        var slowNotice = await slow.ServiceProvider.GetRequiredService<CreateContent>().CreateAsync(NoticeQueries.NoticeType, "210000",
            new System.Text.Json.Nodes.JsonObject { ["title"] = $"关于{slowMarker}的通知", ["issuer"] = "辽宁省知识产权局", ["body"] = "正文" }, actor);
        (await slow.ServiceProvider.GetRequiredService<PublishContent>().PublishAsync(slowNotice.Value!.Id, null, actor)).Succeeded.ShouldBeTrue();

        await using (var quick = app.Services.CreateAsyncScope())
        {
            var quickNotice = await quick.ServiceProvider.GetRequiredService<CreateContent>().CreateAsync(NoticeQueries.NoticeType, "210000",
                new System.Text.Json.Nodes.JsonObject { ["title"] = $"关于{quickMarker}的通知", ["issuer"] = "辽宁省知识产权局", ["body"] = "正文" }, actor);
            (await quick.ServiceProvider.GetRequiredService<PublishContent>().PublishAsync(quickNotice.Value!.Id, null, actor)).Succeeded.ShouldBeTrue();
        }

        await search.CatchUpAsync();
        search.Search(new SearchRequest(quickMarker)).Total.ShouldBe(1);
        search.Search(new SearchRequest(slowMarker)).Total.ShouldBe(0, "not committed yet");

        await transaction.CommitAsync();
        await search.CatchUpAsync();

        search.Search(new SearchRequest(slowMarker)).Total.ShouldBe(1, "its entry's id is below one already applied");
        (await SearchAsync(slowMarker)).Html.ShouldContain($"/notices/{slowNotice.Value.Id}");
    }

    [Fact]
    public async Task A_rebuild_from_scratch_finds_what_the_incremental_index_finds()
    {
        var search = app.Services.GetRequiredService<PublicSearch>();
        await search.CatchUpAsync();
        // Scores may differ (deleted documents count in term statistics until merged); what is found may not.
        string[] queries = ["知识产权", "专利 培育", "品牌机构", "信息服务网点", "2024"];
        List<string> Found() => [.. queries.Select(q => search.Search(new SearchRequest(q))).Select((r, n) => $"{queries[n]} {r.Total}"),
            .. search.Search(new SearchRequest("品牌机构")).Hits.Select(h => h.Url).Order(StringComparer.Ordinal)];
        // Other tests publish in parallel: a publish between the two snapshots is caught up after the rebuild and the
        // comparison is made again (at most three times); a rebuild that finds something else fails every time.
        List<string> incremental = [], rebuilt = [];
        for (var attempt = 0; attempt < 3 && (attempt == 0 || !rebuilt.SequenceEqual(incremental)); attempt++)
        {
            await search.CatchUpAsync();
            incremental = Found();
            (await search.RebuildAsync()).ShouldBeGreaterThan(0);
            await search.CatchUpAsync();
            rebuilt = Found();
        }

        incremental.ShouldNotBeEmpty();
        rebuilt.ShouldBe(incremental);
    }
}
