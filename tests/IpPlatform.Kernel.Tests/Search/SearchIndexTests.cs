using IpPlatform.Kernel.Search;

namespace IpPlatform.Kernel.Tests.Search;

/// <summary>
/// Search over Chinese policy texts: words and single characters, ASCII words, document numbers and credit codes typed
/// whole, ranking with titles first, marked passages that stay HTML-safe, filters, paging, and input that never fails.
/// </summary>
public sealed class SearchIndexTests : IDisposable
{
    private static readonly Guid BrandNotice = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid PatentNotice = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid PctNotice = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Outlet = Guid.Parse("00000000-0000-0000-0000-000000000004");

    private readonly SearchIndex index = SearchIndex.InMemory();

    public SearchIndexTests()
    {
        index.Apply(
        [
            Notice(BrandNotice, "关于组织开展2024年知识产权服务品牌机构培育工作的通知", "辽知发〔2024〕12号",
                "为贯彻落实知识产权强省建设部署，培育一批知识产权服务品牌机构，现将有关事项通知如下。", "210000", 2024),
            Notice(PatentNotice, "辽宁省高价值专利培育中心建设工作方案", "辽知发〔2023〕5号",
                "围绕重点产业链，建设高价值专利培育中心，开展专利导航和知识产权运营。<script>alert('x')</script>", "210000", 2023),
            Notice(PctNotice, "沈阳市PCT国际专利申请资助办法", "沈知发〔2024〕3号", "对通过PCT途径提交的国际专利申请给予资助。", "210100", 2024),
            new SearchDocument("directory", Outlet, "沈阳示例知识产权信息服务网点", "/programs/info-outlet/directory", "专利检索；专利导航；培训",
                Keys: ["91210100MA0YT3K79Q"], Facets: Facet("kind", "directory")),
        ], [], position: 7);
    }

    private static SearchDocument Notice(Guid id, string title, string number, string body, string authority, int year) =>
        new("notice", id, title, $"/notices/{id}", body, number, Facets: new Dictionary<string, IReadOnlyList<string>>
        {
            ["authority"] = [authority], ["year"] = [year.ToString()],
        }, Published: new DateTimeOffset(year, 3, 1, 0, 0, 0, TimeSpan.Zero));

    private static Dictionary<string, IReadOnlyList<string>> Facet(string name, params string[] values) => new() { [name] = values };

    private IReadOnlyList<string> Urls(string? text, IReadOnlyDictionary<string, IReadOnlyList<string>>? facets = null) =>
        index.Search(new SearchRequest(text, facets)).Hits.Select(h => h.Url).ToList();

    [Fact]
    public void A_word_finds_the_texts_that_use_it_titles_first_with_the_match_marked()
    {
        var results = index.Search(new SearchRequest("知识产权"));
        results.Hits.Select(h => h.Url).ShouldBe([$"/notices/{BrandNotice}", "/programs/info-outlet/directory", $"/notices/{PatentNotice}"],
            "two titles say it (the notice's twice), the third only in its body");
        results.Hits[0].TitleHtml.ShouldContain("<mark>知识产权</mark>");
        results.Hits[2].PassagesHtml.ShouldContain("<mark>知识产权</mark>");
        results.Total.ShouldBe(3);
    }

    [Fact]
    public void Every_word_typed_must_match()
    {
        Urls("专利 资助").ShouldBe([$"/notices/{PctNotice}"]);
        Urls("专利 品牌").ShouldBeEmpty();
    }

    [Fact]
    public void A_single_character_an_ascii_word_and_a_partial_document_number_still_match()
    {
        Urls("沈").ShouldContain($"/notices/{PctNotice}");
        Urls("pct").ShouldBe([$"/notices/{PctNotice}"]);
        Urls("〔2023〕5号").ShouldBe([$"/notices/{PatentNotice}"]);
    }

    [Theory]
    [InlineData("辽知发〔2024〕12号")]
    [InlineData("辽知发[2024]12号")]
    [InlineData("辽知发 〔2024〕 12号")]
    [InlineData("辽知发（2024）12号")]
    public void A_document_number_typed_whole_in_any_of_its_usual_forms_finds_its_notice_first(string typed) =>
        Urls(typed).First().ShouldBe($"/notices/{BrandNotice}");

    [Fact]
    public void A_credit_code_typed_whole_finds_its_organisation() =>
        Urls("91210100ma0yt3k79q").ShouldBe(["/programs/info-outlet/directory"]);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*?~:( )")]
    [InlineData("AND OR NOT")]
    [InlineData("title:foo")]
    [InlineData("专利~2")]
    [InlineData("\\")]
    [InlineData("[")]
    public void Query_syntax_and_empty_input_never_fail(string typed) =>
        Should.NotThrow(() => index.Search(new SearchRequest(typed)));

    [Fact]
    public void Overlong_input_is_cut_not_refused() =>
        index.Search(new SearchRequest(new string('专', 5_000))).Total.ShouldBe(0);

    [Fact]
    public void Nothing_typed_lists_the_newest_first_within_the_filters() =>
        Urls(null, Facet("authority", "210000")).ShouldBe([$"/notices/{BrandNotice}", $"/notices/{PatentNotice}"]);

    [Fact]
    public void Passages_are_html_safe_only_the_marks_are_markup()
    {
        var hit = index.Search(new SearchRequest("专利导航 运营")).Hits.ShouldHaveSingleItem();
        hit.PassagesHtml.ShouldNotContain("<script>");
        (hit.PassagesHtml.Contains("&lt;script&gt;") || !hit.PassagesHtml.Contains("script")).ShouldBeTrue(hit.PassagesHtml);
        hit.PassagesHtml.ShouldContain("<mark>运营</mark>");
    }

    [Fact]
    public void Marks_ignore_case_and_full_width_and_a_long_text_shows_its_densest_passages()
    {
        Urls("ｐｃｔ").ShouldBe([$"/notices/{PctNotice}"]);
        index.Search(new SearchRequest("ｐｃｔ")).Hits[0].TitleHtml.ShouldBe("沈阳市<mark>PCT</mark>国际专利申请资助办法");

        var filler = string.Concat(Enumerable.Repeat("申报单位应为省内注册的创新主体。", 20));
        var text = filler + "建设专利导航服务基地" + filler + "开展专利导航和专利导航培训" + filler;
        var passages = SearchHighlight.Passages(["专利导航"], text).Split(" … ");
        passages.Length.ShouldBe(2, "two passages at most");
        passages[0].ShouldContain("建设<mark>专利导航</mark>服务基地", Case.Sensitive, "in the text's order");
        passages[1].ShouldContain("开展<mark>专利导航</mark>和<mark>专利导航</mark>培训", Case.Sensitive);
        SearchHighlight.Passages(["商标"], text).ShouldBe(text[..120] + "…", "no word in the text: its start");
    }

    [Fact]
    public void A_remembered_answer_is_never_given_after_the_index_changed()
    {
        var before = index.Search(new SearchRequest("资助办法"));
        index.Search(new SearchRequest("资助办法")).ShouldBeSameAs(before, "asked again, answered from memory");
        var generation = index.Generation;

        index.Apply([Notice(PctNotice, "沈阳市PCT国际专利申请奖励办法", "沈知发〔2024〕3号", "对PCT申请给予奖励。", "210100", 2024)], [], position: 8);

        index.Generation.ShouldBeGreaterThan(generation);
        index.Search(new SearchRequest("资助办法")).Total.ShouldBe(0, "the title changed: the old answer is gone");
        index.Search(new SearchRequest("奖励办法")).Hits.ShouldHaveSingleItem().Url.ShouldBe($"/notices/{PctNotice}");
    }

    [Fact]
    public void Filters_keep_only_what_they_allow_and_an_empty_allowance_allows_nothing()
    {
        Urls("专利", Facet("authority", "210100")).ShouldBe([$"/notices/{PctNotice}"]);
        Urls("专利", Facet("year", "2023", "2024")).Count.ShouldBe(2);
        Urls("专利", Facet("authority")).ShouldBeEmpty("deny by default: no allowed value, no hit");
    }

    [Fact]
    public void A_replaced_document_is_found_by_its_new_text_only_and_a_removed_one_not_at_all()
    {
        index.Apply([Notice(PctNotice, "沈阳市海外知识产权维权援助办法", "沈知发〔2024〕3号", "维权援助。", "210100", 2024)],
            [SearchDocument.KeyOf("notice", PatentNotice)], position: 9);
        Urls("PCT").ShouldBeEmpty();
        Urls("维权").ShouldBe([$"/notices/{PctNotice}"]);
        Urls("高价值").ShouldBeEmpty();
        (index.Position, index.Count).ShouldBe((9L, 3));
    }

    [Fact]
    public void Pages_stop_at_ten()
    {
        index.Apply(Enumerable.Range(10, 300).Select(i => Notice(Guid.NewGuid(), $"专利通知{i}", $"辽知发〔2020〕{i}号", "专利", "210000", 2020)), [], position: 8);
        var last = index.Search(new SearchRequest("专利", Page: 99));
        (last.Page, last.Pages, last.Hits.Count).ShouldBe((SearchIndex.MaxPages, SearchIndex.MaxPages, SearchIndex.PageSize));
        last.Total.ShouldBe(303);
    }

    [Fact]
    public void An_index_on_disk_keeps_its_documents_and_position_and_admits_one_writer()
    {
        var path = Path.Combine(Path.GetTempPath(), "ipp-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = SearchIndex.Open(path))
            {
                first.Apply([Notice(BrandNotice, "知识产权服务品牌机构", "辽知发〔2024〕12号", "培育", "210000", 2024)], [], position: 42);
                Should.Throw<IOException>(() => SearchIndex.Open(path), "a second writer on the same directory");
            }

            using var reopened = SearchIndex.Open(path);
            (reopened.Position, reopened.Count).ShouldBe((42L, 1));
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public void Dispose() => index.Dispose();
}
