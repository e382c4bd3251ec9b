using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// One entry of the search change log: something a search source builds documents from was saved. Written in the same
/// save as the change itself (so it is committed with it, or not at all); every instance's index catches up from the
/// log by its position, so several instances stay in step (a broadcast pulse makes them look at once).
/// </summary>
public sealed class SearchChange
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public Guid SubjectId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Where search documents come from (notices, programs, 公示, directories; for staff, applications and awards): which
/// saved entities concern it, every subject it has (for a rebuild), and the document of one subject as the database says
/// now (null: nothing to find, remove it).
/// </summary>
public interface ISearchSource
{
    string Name { get; }

    /// <summary>Staff-only documents (applications, obligations) go to the staff index, never to the public one.</summary>
    bool Staff => false;

    /// <summary>The subject an entity being saved concerns, or null when it is not this source's.</summary>
    Guid? SubjectOf(EntityEntry entry);

    /// <summary>Every subject that may have a document (for a rebuild).</summary>
    Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct);

    Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct);

    /// <summary>The documents of many subjects (a rebuild): one query per batch where the source can.</summary>
    async Task<IReadOnlyList<SearchDocument>> BuildManyAsync(DbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var built = new List<SearchDocument>();
        foreach (var id in ids)
        {
            if (await BuildAsync(db, id, ct) is { } document)
            {
                built.Add(document);
            }
        }

        return built;
    }

    /// <summary>The key of the subject's document (to remove it).</summary>
    string KeyOf(Guid id);
}

/// <summary>
/// Adds a change-log entry for every saved entity a search source cares about, in the same save, and wakes this
/// instance's catch-up once the entry is committed (at the save, or at the commit of the transaction around it), so a
/// change made here is searchable here within milliseconds; the pulse is broadcast, so other instances catch up as soon.
/// </summary>
public sealed class SearchChangeRecorder(IEnumerable<ISearchSource> sources, SearchChangeSignal signal, TimeProvider clock)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Contexts that recorded a change inside a transaction not yet committed.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_recorded.Remove(context))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            signal.Pulse();
        }
        else
        {
            _uncommitted.AddOrUpdate(context, this);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.Remove(context))
        {
            signal.Pulse();
        }
    }

    /// <summary>Contexts whose save in progress added change-log entries.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _recorded = [];

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changes = new HashSet<(string, Guid)>();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            foreach (var source in sources)
            {
                if (source.SubjectOf(entry) is { } subject)
                {
                    changes.Add((source.Name, subject));
                }
            }
        }

        foreach (var (source, subject) in changes)
        {
            context.Add(new SearchChange { Source = source, SubjectId = subject, At = clock.GetUtcNow() });
        }

        if (changes.Count > 0)
        {
            _recorded.AddOrUpdate(context, this);
        }
    }
}

/// <summary>
/// Wakes the search catch-up early: something searchable was committed here (<see cref="Pulse"/>, which other instances
/// hear through the cache broadcast and take as a pulse of their own), or on another instance.
/// </summary>
public sealed class SearchChangeSignal(Caching.CacheBroadcast? broadcast = null) : Caching.ILocalEviction
{
    public const string BroadcastTopic = "search";

    private readonly SemaphoreSlim _pulses = new(0, 1);

    string Caching.ILocalEviction.Topic => BroadcastTopic;

    /// <summary>A change was committed here: this instance's catch-up and every other instance's run now.</summary>
    public void Pulse()
    {
        broadcast?.Send(BroadcastTopic);
        PulseHere();
    }

    public void EvictLocally(string? key) => PulseHere();

    private void PulseHere()
    {
        try
        {
            _pulses.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one pass will take every change.
        }
    }

    /// <summary>Returns when pulsed or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _pulses.WaitAsync(timeout, ct);
}

public sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<SearchChange> e)
    {
        e.ToTable("search_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityByDefaultColumn();
        e.Property(x => x.Source).HasMaxLength(40);
    }
}
