using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// One entry of the search change log: something a search source builds documents from was saved. Written in the same
/// save as the change itself (so it is committed with it, or not at all); every instance's index catches up from the
/// log by its position, so several instances stay in step without talking to each other.
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

/// <summary>Adds a change-log entry for every saved entity a search source cares about, in the same save.</summary>
public sealed class SearchChangeRecorder(IEnumerable<ISearchSource> sources, TimeProvider clock) : SaveChangesInterceptor
{
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
    }
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
