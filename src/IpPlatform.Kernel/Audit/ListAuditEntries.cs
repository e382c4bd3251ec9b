using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Audit;

/// <summary>What the audit log page filters by: the start of an event name, part of the actor's name, Beijing dates.</summary>
public sealed record AuditFilter(string? Event, string? Actor, DateOnly? From, DateOnly? To, int Page);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page);

/// <summary>
/// A page of the audit log, the latest first. Only for callers who may read the whole log (province administrators): it
/// spans every authority.
/// </summary>
public sealed class ListAuditEntries(DbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> RunAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Event))
        {
            var prefix = filter.Event.Trim();
            query = query.Where(e => e.Event.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.ActorName != null && e.ActorName.Contains(actor));
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(e => e.At < end);
        }

        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(entries, total, page);
    }
}
