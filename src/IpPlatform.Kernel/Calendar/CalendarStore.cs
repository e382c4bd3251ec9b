using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Calendar;

/// <summary>Holds the working-day calendar in memory; reloaded after the table changes.</summary>
public sealed class CalendarStore(IServiceScopeFactory scopes)
{
    private volatile WorkingDayCalendar? _current;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async ValueTask<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        if (_current is { } cached)
        {
            return cached;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (_current is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DbContext>();
                var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
                _current = new WorkingDayCalendar(days);
            }

            return _current;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Drops the cached calendar; the next read loads the table again.</summary>
    public void Invalidate() => _current = null;
}
