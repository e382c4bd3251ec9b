using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Calendar;

/// <summary>The working-day calendar, loaded from the table once and kept in memory until it changes.</summary>
public sealed class CalendarStore(ReferenceDataCache cache)
{
    private const string Key = "calendar";

    public Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default) =>
        cache.GetAsync(Key, async (services, token) =>
            new WorkingDayCalendar(await services.GetRequiredService<DbContext>().Set<CalendarDay>().AsNoTracking().ToListAsync(token)), ct);

    public void Invalidate() => cache.Invalidate(Key);
}
