using System.Text.Json.Nodes;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>
/// 公示 as its pages and use cases see them: the list, one 公示 with its entries and objections (异议), whether an
/// objection can be made now, who runs it, and the period a program prescribes.
/// </summary>
public sealed class PublicityViews(DbContext db, Modules.ModuleCatalog modules, TimeProvider clock)
{
    /// <summary>The program setting a module may declare for the length of its 公示 (e.g. seed 002 "公示期5天").</summary>
    public const string WorkingDaysSetting = "publicNoticeWorkingDays";

    public const int DefaultWorkingDays = 5;

    /// <summary>The 公示 period a round's program prescribes (its <see cref="WorkingDaysSetting"/>), else five working days.</summary>
    public async Task<int> DefaultWorkingDaysAsync(string roundKey, CancellationToken ct = default)
    {
        var program = await (from r in db.Set<Round>().AsNoTracking() where r.Key == roundKey
                             join p in db.Set<ProgramInstance>() on r.ProgramId equals p.Id select p).FirstOrDefaultAsync(ct);
        var settings = program is null ? null : modules.Find(program.ModuleId)?.Settings.Effective(program.Settings);
        return settings?[WorkingDaysSetting] is JsonValue v && v.TryGetValue(out int days) ? days : DefaultWorkingDays;
    }

    public async Task<IReadOnlyList<PublicNotice>> ListAsync(CancellationToken ct = default) =>
        await db.Set<PublicNotice>().AsNoTracking().OrderByDescending(p => p.StartDate).ThenByDescending(p => p.CreatedAt).Take(100).ToListAsync(ct);

    public async Task<(PublicNotice Notice, IReadOnlyList<PublicNoticeEntry> Entries)?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var notice = await db.Set<PublicNotice>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return notice is null ? null
            : (notice, await db.Set<PublicNoticeEntry>().AsNoTracking().Where(e => e.PublicNoticeId == id).OrderBy(e => e.Position).ToListAsync(ct));
    }

    /// <summary>Why an objection cannot be made now (before the start or after the last day, Beijing time); null during the period.</summary>
    public string? PeriodRefusal(PublicNotice notice)
    {
        var today = BeijingTime.Today(clock);
        return today < notice.StartDate ? $"公示自{notice.StartDate:yyyy年M月d日}开始，届时方可提出异议"
            : today > notice.EndDate ? $"公示期已于{notice.EndDate:yyyy年M月d日}结束，逾期提出的异议不予受理"
            : null;
    }

    public async Task<IReadOnlyList<Objection>> ObjectionsAsync(Guid noticeId, CancellationToken ct = default) =>
        await db.Set<Objection>().AsNoTracking().Where(o => o.PublicNoticeId == noticeId).OrderBy(o => o.SubmittedAt).ToListAsync(ct);

    /// <summary>Whether the actor runs the program of this 公示 (its reviewers handle objections and see the objectors' details).</summary>
    public static bool Manages(PublicNotice notice, WorkflowActor actor) =>
        actor.ReviewsAt(notice.OwnerAuthority);

    /// <summary>The 公示 row, locked until the transaction ends (objections and publishing exclude each other).</summary>
    internal async Task<PublicNotice> LockAsync(Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM public_notices WHERE id = {id} FOR UPDATE", ct);
        var notice = await db.Set<PublicNotice>().FirstAsync(p => p.Id == id, ct);
        await db.Entry(notice).ReloadAsync(ct);
        return notice;
    }
}
