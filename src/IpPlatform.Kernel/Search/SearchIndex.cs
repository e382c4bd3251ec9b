using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IpPlatform.Kernel.Search;

/// <summary>A search as a page asks for it: the words, the facets it is limited to (each: any of the values), a page.</summary>
public sealed record SearchRequest(string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>>? Facets = null, int Page = 1);

public sealed record SearchHit(string Kind, string Url, string TitleHtml, string PassagesHtml, DateTimeOffset Published);

/// <summary>Hits of one page (at most <see cref="SearchIndex.PageSize"/>), the total, and the pages that may be shown (at most 10).</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int Pages);

/// <summary>
/// One Lucene index (the public one, or the staff one — kept apart so no filter mistake can show application data to the
/// public): documents added, replaced and removed by key, committed with the position of the change log they reflect,
/// searched through a refreshed searcher. A file lock taken with no sharing keeps a second process from writing the
/// same directory (Lucene's own lock does not, on Linux). The answers of the current searcher are kept in memory, keyed by
/// the request and the index's <see cref="Generation"/> (moved on by every commit), so a query asked again is answered from
/// memory until the index changes, and never after.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int PageSize = 20;

    public const int MaxPages = 10;

    private const string PositionKey = "ipp.position";

    private readonly LuceneDirectory _directory;
    private readonly FileStream? _lock;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writing = new();

    /// <summary>At most this many answers are kept; past it the memory starts again empty (arbitrary queries cannot grow it).</summary>
    public const int RememberedAnswers = 500;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Generation, object Answer)> _answers = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Moves on each time what the searcher sees may have changed (a commit, a clear).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private SearchIndex(LuceneDirectory directory, FileStream? processLock)
    {
        (_directory, _lock) = (directory, processLock);
        _writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalysis.Version, SearchAnalysis.ForFields(SearchDocument.TextFields))
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            // A rebuild writes 100,000 documents: fewer, larger segments flushed (and merged) than with the default 16 MB.
            RAMBufferSizeMB = 64,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>The index in <paramref name="path"/> (created if missing), held by this process alone.</summary>
    public static SearchIndex Open(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        var processLock = new FileStream(Path.Combine(path, "ipp.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        return new SearchIndex(FSDirectory.Open(path), processLock);
    }

    public static SearchIndex InMemory() => new(new RAMDirectory(), null);

    /// <summary>The position of the change log the index reflects; -1 for an index never built.</summary>
    public long Position => _writer.CommitData.TryGetValue(PositionKey, out var value) && long.TryParse(value, out var position) ? position : -1;

    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Replaces or adds <paramref name="upserts"/>, removes <paramref name="deletes"/> (keys), commits at <paramref name="position"/> and refreshes.</summary>
    public void Apply(IEnumerable<SearchDocument> upserts, IEnumerable<string> deletes, long position)
    {
        lock (_writing)
        {
            foreach (var document in upserts)
            {
                _writer.UpdateDocument(new Term("id", document.DocumentKey), document.ToLucene());
            }

            foreach (var key in deletes)
            {
                _writer.DeleteDocuments(new Term("id", key));
            }

            _writer.SetCommitData(new Dictionary<string, string> { [PositionKey] = position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            _writer.Commit();
            Refreshed();
        }
    }

    /// <summary>
    /// Adds documents to an index being rebuilt (after <see cref="Clear"/>), committed by the next <see cref="Apply"/>:
    /// analyzed on every core at once (Lucene's writer takes documents from several threads).
    /// </summary>
    public void AddForRebuild(IReadOnlyList<SearchDocument> documents)
    {
        lock (_writing)
        {
            Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                document => _writer.AddDocument(document.ToLucene()));
        }
    }

    /// <summary>Removes everything (a rebuild starts from an empty index).</summary>
    public void Clear()
    {
        lock (_writing)
        {
            _writer.DeleteAll();
            _writer.SetCommitData(new Dictionary<string, string> { [PositionKey] = "-1" });
            _writer.Commit();
            Refreshed();
        }
    }

    /// <summary>The searcher sees the last commit; answers of the previous one are forgotten.</summary>
    private void Refreshed()
    {
        _searchers.MaybeRefreshBlocking();
        Interlocked.Increment(ref _generation);
        _answers.Clear();
    }

    /// <summary>
    /// The answer remembered for <paramref name="key"/> at the current generation, or the one <paramref name="compute"/>
    /// gives (remembered under the generation read before it ran: an answer from a searcher newer than its key is simply
    /// never asked for again).
    /// </summary>
    private T Remembered<T>(string key, Func<T> compute) where T : class
    {
        var generation = Generation;
        if (_answers.TryGetValue(key, out var known) && known.Generation == generation && known.Answer is T answer)
        {
            return answer;
        }

        var computed = compute();
        if (_answers.Count >= RememberedAnswers)
        {
            _answers.Clear();
        }

        _answers[key] = (generation, computed);
        return computed;
    }

    private static string KeyOf(string use, string? text, IReadOnlyDictionary<string, IReadOnlyList<string>>? facets, int page) =>
        string.Join('\u0001', [use, text ?? "", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. (facets ?? new Dictionary<string, IReadOnlyList<string>>()).OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => f.Key + "=" + string.Join(',', f.Value.Order(StringComparer.Ordinal)))]);

    /// <summary>The best <paramref name="take"/> hits for the words (none when nothing searchable was typed), for a caller that trims them further (staff scope).</summary>
    public IReadOnlyList<(string Key, SearchHit Hit)> Top(string? text, int take)
    {
        if (SearchQuery.Build(text) is not { } query)
        {
            return [];
        }

        return Remembered(KeyOf("top:" + take, text, null, 1), () =>
        {
            var searcher = _searchers.Acquire();
            try
            {
                var highlight = SearchQuery.Highlight(text);
                return searcher.Search(query, take).ScoreDocs.Select(hit => (searcher.Doc(hit.Doc).Get("id"), Hit(searcher, hit.Doc, highlight))).ToList();
            }
            finally
            {
                _searchers.Release(searcher);
            }
        });
    }

    private static SearchHit Hit(IndexSearcher searcher, int doc, IReadOnlyList<string>? highlight)
    {
        var document = searcher.Doc(doc);
        var title = document.Get("title") ?? "";
        return new SearchHit(
            document.Get("kind"), document.Get("url"),
            highlight is null ? System.Net.WebUtility.HtmlEncode(title) : SearchHighlight.Passages(highlight, title, fragments: 1, fallback: 200),
            highlight is null ? System.Net.WebUtility.HtmlEncode(Start(document.Get("body"))) : SearchHighlight.Passages(highlight, document.Get("body")),
            DateTimeOffset.FromUnixTimeSeconds(document.GetField("published")?.GetInt64Value() ?? 0));
    }

    public SearchResults Search(SearchRequest request)
    {
        var page = Math.Clamp(request.Page, 1, MaxPages);
        return Remembered(KeyOf("search", request.Text?.Trim(), request.Facets, page), () => Answer(request, page));
    }

    private SearchResults Answer(SearchRequest request, int page)
    {
        var query = SearchQuery.Build(request.Text);
        var filter = Filter(request.Facets);
        var searcher = _searchers.Acquire();
        try
        {
            TopDocs found;
            if (query is null)
            {
                // Nothing typed: the newest first, within the filters.
                found = searcher.Search(new MatchAllDocsQuery(), filter, PageSize * page, new Sort(new SortField("published", SortFieldType.INT64, true)));
            }
            else
            {
                found = searcher.Search(query, filter, PageSize * page);
            }

            var highlight = query is null ? null : SearchQuery.Highlight(request.Text);
            var hits = found.ScoreDocs.Skip(PageSize * (page - 1)).Select(hit => Hit(searcher, hit.Doc, highlight)).ToList();
            var pages = Math.Min(MaxPages, (found.TotalHits + PageSize - 1) / PageSize);
            return new SearchResults(hits, found.TotalHits, page, pages);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static string Start(string? body) => body is null ? "" : body.Length > 120 ? body[..120] + "…" : body;

    /// <summary>Every facet must match one of its values; a facet with no allowed value matches nothing (deny by default).</summary>
    private static Filter? Filter(IReadOnlyDictionary<string, IReadOnlyList<string>>? facets)
    {
        if (facets is null || facets.Count == 0)
        {
            return null;
        }

        var all = new BooleanQuery();
        foreach (var (facet, values) in facets)
        {
            var any = new BooleanQuery();
            foreach (var value in values)
            {
                any.Add(new TermQuery(new Term("f_" + facet, value)), Occur.SHOULD);
            }

            if (values.Count == 0)
            {
                any.Add(new TermQuery(new Term("f_" + facet, "\u0000none")), Occur.SHOULD);
            }

            all.Add(any, Occur.MUST);
        }

        return new QueryWrapperFilter(all);
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _lock?.Dispose();
    }
}
