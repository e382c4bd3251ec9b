using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Calendar;

/// <summary>
/// Recipe step "calendar": for each year given, the holidays and 调休 working days become exactly those listed
/// (years not listed are left alone). Source: the State Council General Office's annual notice.
/// </summary>
public sealed class CalendarRecipeStep(CalendarStore store) : RecipeStep<CalendarRecipeStep.Model>
{
    public sealed record Holiday(DateOnly From, DateOnly To, string Name);

    public sealed record Workday(DateOnly Date, string Name);

    public sealed record YearEntry(int Year, IReadOnlyList<Holiday> Holidays, IReadOnlyList<Workday> Workdays);

    public sealed record Model(IReadOnlyList<YearEntry> Years);

    public override string Name => "calendar";

    /// <summary>The table rows one year of the recipe stands for.</summary>
    public static IEnumerable<CalendarDay> DaysOf(YearEntry year) =>
        year.Holidays
            .SelectMany(h => Enumerable.Range(0, h.To.DayNumber - h.From.DayNumber + 1)
                .Select(i => new CalendarDay { Date = h.From.AddDays(i), Kind = CalendarDayKind.Holiday, Name = h.Name }))
            .Concat(year.Workdays.Select(w => new CalendarDay { Date = w.Date, Kind = CalendarDayKind.Workday, Name = w.Name }));

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        var years = new HashSet<int>();
        for (var y = 0; y < model.Years.Count; y++)
        {
            var year = model.Years[y];
            var at = $"years[{y}]";
            if (year.Year is < 2000 or > 2100)
            {
                v.Error($"{at}.year", "年份应在 2000 到 2100 之间");
                continue;
            }

            if (!years.Add(year.Year))
            {
                v.Error($"{at}.year", $"{year.Year}年在本步骤中重复");
            }

            if (year.Holidays.Count == 0)
            {
                v.Error($"{at}.holidays", "每年至少有一个法定节假日");
            }

            var seen = new Dictionary<DateOnly, string>();
            for (var h = 0; h < year.Holidays.Count; h++)
            {
                var holiday = year.Holidays[h];
                var hat = $"{at}.holidays[{h}]";
                if (holiday.From.Year != year.Year || holiday.To.Year != year.Year)
                {
                    v.Error(hat, $"日期须在{year.Year}年之内");
                }
                else if (holiday.From > holiday.To)
                {
                    v.Error($"{hat}.to", "结束日期早于开始日期");
                }
                else if (string.IsNullOrWhiteSpace(holiday.Name))
                {
                    v.Error($"{hat}.name", "节日名称不能为空");
                }
                else
                {
                    for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
                    {
                        if (!seen.TryAdd(d, hat))
                        {
                            v.Error(hat, $"{d:yyyy-MM-dd} 与 {seen[d]} 重叠");
                        }
                    }
                }
            }

            for (var w = 0; w < year.Workdays.Count; w++)
            {
                var day = year.Workdays[w];
                var wat = $"{at}.workdays[{w}]";
                if (day.Date.Year != year.Year)
                {
                    v.Error($"{wat}.date", $"日期须在{year.Year}年之内");
                }
                else if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    v.Error($"{wat}.date", $"{day.Date:yyyy-MM-dd} 不是周末，无需列为调休上班日");
                }
                else if (!seen.TryAdd(day.Date, wat))
                {
                    v.Error($"{wat}.date", $"{day.Date:yyyy-MM-dd} 与 {seen[day.Date]} 重叠");
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var set = x.Db.Set<CalendarDay>();
        var changes = 0;
        foreach (var year in model.Years)
        {
            // A year the recipe has not changed since it last applied it keeps the administrators' edits.
            if (await x.AppliedBeforeAsync(Name, year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), year, ct)
                && await set.AnyAsync(d => d.Date.Year == year.Year, ct))
            {
                continue;
            }

            var wanted = DaysOf(year).ToDictionary(d => d.Date);
            var first = new DateOnly(year.Year, 1, 1);
            var last = new DateOnly(year.Year, 12, 31);
            var existing = await set.Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct);
            foreach (var row in existing)
            {
                if (!wanted.Remove(row.Date, out var w))
                {
                    set.Remove(row);
                    changes++;
                }
                else if (row.Kind != w.Kind || row.Name != w.Name)
                {
                    (row.Kind, row.Name) = (w.Kind, w.Name);
                    changes++;
                }
            }

            foreach (var day in wanted.Values)
            {
                set.Add(day);
                changes++;
            }
        }

        if (changes > 0)
        {
            x.AfterCommit(store.Invalidate);
        }

        return changes;
    }
}
