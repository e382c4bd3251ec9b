using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Search;

/// <summary>An entry of the search change log with the transaction that wrote it.</summary>
public sealed record LoggedSearchChange(long Id, string Source, Guid SubjectId, long Tx);

/// <summary>
/// Reads the search change log by transaction (<c>search_changes.tx</c>, filled by the database with
/// <c>pg_current_xact_id()</c>) against the horizon below which every transaction has ended
/// (<c>pg_snapshot_xmin(pg_current_snapshot())</c>) — see <see cref="SearchCatalog"/> for why not by id.
/// </summary>
public static class SearchChangeLog
{
    private sealed record Row(long? Id, string? Source, Guid? SubjectId, long? Tx, long Horizon);   // null: no entry, the horizon only

    /// <summary>The visible entries of transactions at or above <paramref name="position"/>, and the horizon, read in one snapshot.</summary>
    public static async Task<(IReadOnlyList<LoggedSearchChange> Changes, long Horizon)> SinceAsync(DbContext db, long position, CancellationToken ct)
    {
        var from = Math.Max(position, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A left join on the horizon, so that an empty log still answers it.
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT c.id AS "Id", c.source AS "Source", c.subject_id AS "SubjectId", c.tx::text::bigint AS "Tx", h.horizon AS "Horizon"
            FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon) h
            LEFT JOIN search_changes c ON c.tx >= {from}::xid8
            ORDER BY c.id
            """).ToListAsync(ct);
        var changes = rows.Where(r => r.Id is not null).Select(r => new LoggedSearchChange(r.Id!.Value, r.Source!, r.SubjectId!.Value, r.Tx!.Value)).ToList();
        return (changes, rows.Count > 0 ? rows[0].Horizon : position);
    }

    /// <summary>The horizon now: every transaction below it has ended.</summary>
    public static Task<long> HorizonAsync(DbContext db, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"""SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Value" """).SingleAsync(ct);
}
