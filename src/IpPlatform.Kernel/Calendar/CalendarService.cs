using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Calendar;

/// <summary>
/// Administrators maintain the holiday and 调休 table here (the recipe seeds it; later years are added without a deploy).
/// Every change is audited and takes effect at once: the in-memory calendar is dropped.
/// </summary>
public sealed class CalendarService(DbContext db, CalendarStore store, AuditLog audit)
{
    public const int MaxNameLength = 32;

    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default) =>
        await db.Set<CalendarDay>().AsNoTracking().Select(d => d.Date.Year).Distinct().OrderBy(y => y).ToListAsync(ct);

    public async Task<IReadOnlyList<CalendarDay>> YearAsync(int year, CancellationToken ct = default) =>
        await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date.Year == year).OrderBy(d => d.Date).ToListAsync(ct);

    public async Task<Outcome<CalendarDay>> SetAsync(DateOnly date, CalendarDayKind kind, string? name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return Outcome<CalendarDay>.Fail("Name", $"请填写节日名称（不超过{MaxNameLength}字），如“春节”");
        }

        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (kind == CalendarDayKind.Workday && !weekend)
        {
            return Outcome<CalendarDay>.Fail("Kind", $"{date:yyyy-MM-dd}是工作日（周一至周五），只有周六、周日才能设为调休上班");
        }

        var day = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == date, ct);
        var before = day is null ? null : $"{day.Kind}:{day.Name}";
        if (day is null)
        {
            day = new CalendarDay { Date = date, Kind = kind, Name = name };
            db.Add(day);
        }
        else
        {
            (day.Kind, day.Name) = (kind, name);
        }

        audit.Add("calendar.day-set", objectType: "calendar", objectId: date.ToString("yyyy-MM-dd"),
            details: new JsonObject { ["kind"] = kind.ToString(), ["name"] = name, ["before"] = before });
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Outcome<CalendarDay>.Ok(day);
    }

    public async Task<bool> RemoveAsync(DateOnly date, CancellationToken ct = default)
    {
        var day = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == date, ct);
        if (day is null)
        {
            return false;
        }

        db.Remove(day);
        audit.Add("calendar.day-removed", objectType: "calendar", objectId: date.ToString("yyyy-MM-dd"),
            details: new JsonObject { ["kind"] = day.Kind.ToString(), ["name"] = day.Name });
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return true;
    }
}
