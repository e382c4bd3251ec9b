using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>
/// Opens a 公示: the authority running a program lists the applications its decision would approve for N working days
/// (first day counted, by the admin-maintained calendar); each listed application moves on by its chain's
/// publicityOpened action, all in one transaction.
/// </summary>
public sealed class OpenPublicity(
    DbContext db, PublicityCandidates publicityCandidates, CalendarStore calendars, ApplyPublicityTrigger moves, NotificationMailer mailer,
    Caching.PublicPageCache publicPages, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<PublicNotice>> CreateAsync(
        string roundKey, IReadOnlyList<Guid> applicationIds, string? title, string? intro, DateOnly startDate, int workingDays, WorkflowActor actor,
        CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        title = title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            errors.Add("Title", "请填写公示标题（不超过200字）");
        }

        if (startDate < BeijingTime.Today(clock))
        {
            errors.Add("StartDate", "公示开始日期不能早于今天");
        }

        if (intro?.Trim().Length > 4000)
        {
            errors.Add("Intro", $"公示说明不能超过4000字（现有{intro.Trim().Length}字）");
        }

        if (workingDays is < 1 or > 30)
        {
            errors.Add("WorkingDays", "公示期应为 1–30 个工作日");
        }

        var candidates = (await publicityCandidates.CandidatesAsync(roundKey, actor, ct)).ToDictionary(v => v.Application.Id);
        if (applicationIds.Count == 0 || applicationIds.Any(id => !candidates.ContainsKey(id)))
        {
            errors.Add("Applications", "请选择要公示的申报（只能选择处于待公示状态、且由您所在单位负责的申报）");
        }

        DateOnly end = default;
        try
        {
            end = (await calendars.GetAsync(ct)).AddWorkingDays(startDate, Math.Clamp(workingDays, 1, 30));
        }
        catch (CalendarNotMaintainedException ex)
        {
            errors.Add("StartDate", ex.Message);
        }

        if (errors.Any)
        {
            return Outcome<PublicNotice>.Fail(errors);
        }

        var first = candidates[applicationIds[0]];
        var notice = new PublicNotice
        {
            Id = Guid.CreateVersion7(), Title = title!, ProgramId = first.Program.Id, RoundId = first.Round.Id, OwnerAuthority = first.Program.OwnerAuthorityCode,
            Intro = string.IsNullOrWhiteSpace(intro) ? null : intro.Trim(), StartDate = startDate,
            WorkingDays = workingDays, EndDate = end, State = PublicityState.Open, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.UserId ?? Guid.Empty,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(notice);
        var position = 0;
        foreach (var id in applicationIds.Distinct())
        {
            db.Add(new PublicNoticeEntry
            {
                Id = Guid.CreateVersion7(), PublicNoticeId = notice.Id, ApplicationId = id, OrganisationName = candidates[id].Instance.OrganisationName,
                Position = ++position,
            });
        }

        audit.Add("publicity.created", objectType: "publicity", objectId: notice.Id.ToString(),
            details: new JsonObject { ["title"] = title, ["start"] = startDate.ToString("yyyy-MM-dd"), ["end"] = end.ToString("yyyy-MM-dd"), ["count"] = position },
            actorId: actor.UserId, actorName: actor.Name);
        await db.SaveChangesAsync(ct);
        foreach (var id in applicationIds.Distinct())
        {
            if (!await moves.MoveAsync(id, WorkflowRoles.PublicityOpenedTrigger, ct))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Outcome<PublicNotice>.Fail("", WorkflowEngine.ConflictMessage);
            }
        }

        await transaction.CommitAsync(ct);
        mailer.Poke();
        await publicPages.InvalidateAsync();
        return Outcome<PublicNotice>.Ok(notice);
    }
}
