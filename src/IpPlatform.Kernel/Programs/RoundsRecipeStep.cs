using System.Globalization;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Recipe step "rounds": rounds by key. Dates are Beijing time: "2024-04-30" as a closing date means the round closes
/// when that day ends; as an opening date, when it begins. A full ISO time with offset is taken as given.
/// </summary>
public sealed class RoundsRecipeStep(PublicPageCache publicPages) : RecipeStep<RoundsRecipeStep.Model>
{
    public const string Kind = "round";

    public sealed record Entry(
        string Key, string Program, int Year, string Title, string Closes, string? Opens = null,
        string? BeforeOpenText = null, string? AfterCloseText = null, IReadOnlyList<Milestone>? Milestones = null);

    public sealed record Model(IReadOnlyList<Entry> Rounds);

    public override string Name => "rounds";

    public static DateTimeOffset? ParseTime(string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (endOfDay ? BeijingTime.EndOfDay(date) : BeijingTime.At(date, TimeOnly.MinValue)).ToUniversalTime();
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && value.Contains('+', StringComparison.Ordinal)
            ? time.ToUniversalTime()
            : throw new FormatException(value);
    }

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        for (var i = 0; i < model.Rounds.Count; i++)
        {
            var r = model.Rounds[i];
            var at = $"rounds[{i}]";
            if (!v.IsDeclared(ProgramsRecipeStep.Kind, r.Program) && !await v.Db.Set<ProgramInstance>().AnyAsync(p => p.Slug == r.Program, ct))
            {
                v.Error($"{at}.program", $"项目“{r.Program}”不存在");
            }

            DateTimeOffset? opens = null, closes = null;
            try
            {
                opens = ParseTime(r.Opens, endOfDay: false);
            }
            catch (FormatException)
            {
                v.Error($"{at}.opens", "开始时间应为 YYYY-MM-DD，或带时区的完整时间（如 2026-11-01T09:00:00+08:00）");
            }

            try
            {
                closes = ParseTime(r.Closes, endOfDay: true);
            }
            catch (FormatException)
            {
                v.Error($"{at}.closes", "截止时间应为 YYYY-MM-DD，或带时区的完整时间（如 2026-12-31T17:00:00+08:00）");
            }

            if (opens is not null && closes is not null && closes <= opens)
            {
                v.Error($"{at}.closes", "截止时间须晚于开始时间");
            }

            v.Declare(Kind, r.Key);
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var r in model.Rounds)
        {
            var program = await x.Db.Set<ProgramInstance>().FirstAsync(p => p.Slug == r.Program, ct);
            var opens = ParseTime(r.Opens, endOfDay: false);
            var closes = ParseTime(r.Closes, endOfDay: true)!.Value;
            var milestones = r.Milestones?.ToList() ?? [];
            var row = await x.Db.Set<Round>().FirstOrDefaultAsync(o => o.Key == r.Key, ct);
            var appliedBefore = await x.AppliedBeforeAsync(Name, r.Key, r, ct);
            if (row is null)
            {
                row = new Round { Id = Guid.CreateVersion7(), Key = r.Key, Title = r.Title };
                x.Db.Add(row);
                changes++;
            }
            else if (appliedBefore)
            {
                continue;
            }
            else if (row.ProgramId != program.Id || row.Year != r.Year || row.Title != r.Title || row.OpensAt != opens || row.ClosesAt != closes
                     || row.BeforeOpenText != r.BeforeOpenText || row.AfterCloseText != r.AfterCloseText || !row.Milestones.SequenceEqual(milestones))
            {
                changes++;
            }

            (row.ProgramId, row.Year, row.Title, row.OpensAt, row.ClosesAt) = (program.Id, r.Year, r.Title, opens, closes);
            (row.BeforeOpenText, row.AfterCloseText, row.Milestones) = (r.BeforeOpenText, r.AfterCloseText, milestones);
        }

        if (changes > 0)
        {
            x.AfterCommit(publicPages.Invalidate);
        }

        return changes;
    }
}
