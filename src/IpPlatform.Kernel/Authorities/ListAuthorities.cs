using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// Which authorities a chooser or a list of places shows: all of them, or all but one level, or only the given codes, or
/// only the districts of a city; in display order (<see cref="Authority.SortOrder"/>) or by code.
/// </summary>
public sealed record AuthorityFilter(
    AuthorityLevel? ExceptLevel = null, IReadOnlyList<string>? Codes = null, string? ParentCode = null, bool ByCode = false);

/// <summary>The authorities a filter selects, read from the database (not tracked).</summary>
public sealed class ListAuthorities(DbContext db)
{
    public async Task<IReadOnlyList<Authority>> RunAsync(AuthorityFilter filter, CancellationToken ct = default)
    {
        var query = db.Set<Authority>().AsNoTracking();
        if (filter.ExceptLevel is { } level)
        {
            query = query.Where(a => a.Level != level);
        }

        if (filter.Codes is { } codes)
        {
            query = query.Where(a => codes.Contains(a.Code));
        }

        if (filter.ParentCode is { } parent)
        {
            query = query.Where(a => a.ParentCode == parent);
        }

        return await (filter.ByCode ? query.OrderBy(a => a.Code) : query.OrderBy(a => a.SortOrder)).ToListAsync(ct);
    }
}
