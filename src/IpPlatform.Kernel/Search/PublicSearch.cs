using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpPlatform.Kernel.Search;

/// <summary>The public index: what anyone may find (notices, programs, 公示, directories).</summary>
public sealed class PublicSearch(IServiceScopeFactory scopes, IOptions<PlatformDataOptions> data, ILogger<PublicSearch> logger)
    : SearchCatalog(scopes, data, logger, "public-v2", staff: false)
{
    /// <summary>The kinds of public document (the "kind" facet) and what a visitor calls them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        [NoticeSearchSource.Kind] = "通知公告", [ProgramSearchSource.Kind] = "申报项目", [PublicitySearchSource.Kind] = "公示", [DirectorySearchSource.Kind] = "名录",
    };

    public SearchResults Search(SearchRequest request) => Index.Search(request);
}

/// <summary>
/// The staff index (applications and filings, kept apart from the public one): a reviewer finds only what the queue lets
/// them see — the best 200 matches are trimmed by the queue's own visibility rule, then paged.
/// </summary>
public sealed class StaffSearch(IServiceScopeFactory scopes, IOptions<PlatformDataOptions> data, ILogger<StaffSearch> logger)
    : SearchCatalog(scopes, data, logger, "staff-v2", staff: true)
{
    public const int Candidates = 200;

    public async Task<SearchResults> SearchAsync(string? text, Workflows.WorkflowActor actor, int page, CancellationToken ct = default)
    {
        var top = Index.Top(text, Candidates);
        if (top.Count == 0 || actor.OrganisationId is not null)
        {
            return new SearchResults([], 0, 1, 0);
        }

        await using var scope = Scopes.CreateAsyncScope();
        var ids = top.Select(t => Guid.ParseExact(t.Key[(t.Key.IndexOf(':') + 1)..], "N")).ToList();
        var instances = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<Workflows.WorkflowInstance>().AsNoTracking()
            .Where(i => ids.Contains(i.SubjectId)).ToDictionaryAsync(i => i.SubjectId, ct);
        var visible = top.Where((t, n) => instances.TryGetValue(ids[n], out var instance) && instance.SubmittedAt is not null && actor.CanSee(instance))
            .Select(t => t.Hit).ToList();
        page = Math.Clamp(page, 1, SearchIndex.MaxPages);
        var pages = Math.Min(SearchIndex.MaxPages, (visible.Count + SearchIndex.PageSize - 1) / SearchIndex.PageSize);
        return new SearchResults([.. visible.Skip((page - 1) * SearchIndex.PageSize).Take(SearchIndex.PageSize)], visible.Count, page, pages);
    }
}

/// <summary>
/// One search index of this instance: under the data directory, one per machine (instances keep their own index; losing
/// it loses nothing). Built from the database when missing or of an older format, then kept in step with the search
/// change log: <see cref="CatchUpAsync"/> applies every entry the index has not seen, rebuilding each touched document
/// from the database as it is now (a replay is harmless).
/// </summary>
/// <remarks>
/// The index's position is a transaction horizon, not an entry id: ids are taken when a row is inserted, so a transaction
/// that inserted id 10 may commit after the one that inserted id 11, and a reader that moved past 11 would never see 10.
/// Every entry records its transaction (<c>tx</c>, PostgreSQL's <c>pg_current_xact_id()</c>); each pass reads the entries
/// of transactions at or above the position, applies those it has not applied yet (visible = committed), and moves the
/// position to the oldest transaction still running (<c>pg_snapshot_xmin</c>): below it every transaction has ended, so
/// nothing can appear there any more. Entries at or above it are read again next time but applied once.
/// </remarks>
public abstract class SearchCatalog(IServiceScopeFactory scopes, IOptions<PlatformDataOptions> data, ILogger logger, string format, bool staff) : IDisposable
{
    /// <summary>Applied entries of transactions at or above the position (id → transaction), so a re-read applies nothing twice.</summary>
    private readonly Dictionary<long, long> _applied = [];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SearchIndex? _index;

    protected IServiceScopeFactory Scopes => scopes;

    /// <summary>The index's directory name, bumped when documents are built differently (an index of another format is rebuilt).</summary>
    public string Format => format;

    protected SearchIndex Index => _index ??= OpenIndex();

    /// <summary>Moves on whenever what this instance's index answers may have changed (cached result pages vary by it).</summary>
    public long Generation => Index.Generation;

    private IEnumerable<ISearchSource> Own(IServiceProvider services) => services.GetServices<ISearchSource>().Where(s => s.Staff == staff);

    private SearchIndex OpenIndex()
    {
        var root = Path.Combine(Path.GetFullPath(data.Value.SearchDirectory), format);
        try
        {
            return SearchIndex.Open(Path.Combine(root, Environment.MachineName));
        }
        catch (IOException)
        {
            // Another process on this machine holds it (a second instance sharing the data directory): keep one of our own.
            return SearchIndex.Open(Path.Combine(root, Environment.MachineName + "-" + Environment.ProcessId));
        }
    }

    /// <summary>Applies the change log the index has not seen; rebuilds first when the index is new. Returns the entries applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbContext>();
            var sources = Own(scope.ServiceProvider).ToDictionary(s => s.Name);
            if (Index.Position < 0)
            {
                await RebuildAsync(db, sources, ct);
            }

            var (changes, horizon) = await SearchChangeLog.SinceAsync(db, Index.Position, ct);
            var fresh = changes.Where(c => !_applied.ContainsKey(c.Id)).ToList();
            var target = Math.Max(horizon, Index.Position);
            var chunks = fresh.Chunk(500).ToList();
            for (var n = 0; n < chunks.Count; n++)
            {
                var upserts = new List<SearchDocument>();
                var deletes = new List<string>();
                foreach (var (source, subject) in chunks[n].Select(c => (c.Source, c.SubjectId)).Distinct())
                {
                    if (!sources.TryGetValue(source, out var from))
                    {
                        continue;
                    }

                    if (await from.BuildAsync(db, subject, ct) is { } document)
                    {
                        upserts.Add(document);
                    }
                    else
                    {
                        deletes.Add(from.KeyOf(subject));
                    }
                }

                Index.Apply(upserts, deletes, n == chunks.Count - 1 ? target : Index.Position);
                foreach (var change in chunks[n])
                {
                    _applied[change.Id] = change.Tx;
                }
            }

            if (chunks.Count == 0 && target - Index.Position > 1_000)
            {
                Index.Apply([], [], target);   // idle: the position moves now and then, so fewer entries are read again
            }

            foreach (var done in _applied.Where(a => a.Value < Index.Position).Select(a => a.Key).ToList())
            {
                _applied.Remove(done);
            }

            return fresh.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Empties the index and builds every document again from the database (`./ipp reindex`).</summary>
    public async Task<int> RebuildAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbContext>();
            return await RebuildAsync(db, Own(scope.ServiceProvider).ToDictionary(s => s.Name), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> RebuildAsync(DbContext db, IReadOnlyDictionary<string, ISearchSource> sources, CancellationToken ct)
    {
        // The position first: a change committed while the rebuild reads is applied again afterwards (harmless).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var position = await SearchChangeLog.HorizonAsync(db, ct);
        Index.Clear();
        _applied.Clear();
        var count = 0;
        foreach (var source in sources.Values)
        {
            // The next batch is read from the database while this one is analyzed.
            var batches = (await source.AllAsync(db, ct)).Chunk(500).ToList();
            var reading = batches.Count > 0 ? source.BuildManyAsync(db, batches[0], ct) : null;
            for (var n = 0; reading is not null; n++)
            {
                var batch = await reading;
                reading = n + 1 < batches.Count ? source.BuildManyAsync(db, batches[n + 1], ct) : null;
                await Task.Run(() => Index.AddForRebuild(batch), ct);
                count += batch.Count;
            }
        }

        Index.Apply([], [], position);
        logger.LogWarning("Search index {Format} rebuilt: {Count} documents in {Seconds:0.0} s, at change {Position}", format, count, watch.Elapsed.TotalSeconds, position);
        return count;
    }

    public void Dispose() => _index?.Dispose();
}

/// <summary>
/// Keeps this instance's indexes in step: a catch-up pass as soon as a change is committed here or another instance's
/// pulse is heard (<see cref="Caching.CacheBroadcastListener"/>), and every second in any case (should a pulse be lost).
/// </summary>
public sealed class SearchCatchUp(PublicSearch publicSearch, StaffSearch staffSearch, SearchChangeSignal signal, ILogger<SearchCatchUp> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await publicSearch.CatchUpAsync(stoppingToken);
                await staffSearch.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Search catch-up failed; retrying");
            }

            await signal.WaitAsync(Interval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
