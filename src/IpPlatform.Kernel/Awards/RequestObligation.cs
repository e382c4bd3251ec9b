using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// The awardee opens what it owes when something happens (seed 001 art. 21: a change report within 15 working days of
/// the change; seed 002 art. 17: changes of name, premises, head, contacts or services, and a request to terminate): a
/// filing of the obligation's form, due the declared number of working days after the date of the event (the day after
/// it counted first, by the admin-maintained calendar), or open-ended. Its own award only, and only while in force.
/// </summary>
public sealed class RequestObligation(
    DbContext db, AwardDeclarations declarations, Modules.ModuleCatalog modules, OpenObligation obligations, CalendarStore calendars, TimeProvider clock)
{
    public async Task<Outcome<Guid>> RunAsync(Guid awardId, string obligationKey, DateOnly? eventDate, WorkflowActor actor, CancellationToken ct = default)
    {
        var award = await db.Set<Award>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == awardId && a.OrganisationId == actor.OrganisationId, ct);
        if (award is null || actor.OrganisationId is null)
        {
            return Outcome<Guid>.Fail("", "称号不存在");
        }

        if (!award.Status.IsActive())
        {
            return Outcome<Guid>.Fail("", $"“{award.Title}”{award.Status.ToChinese()}，无需再报送");
        }

        var program = await db.Set<Programs.ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == award.ProgramId, ct);
        var obligation = (await declarations.FindAsync(program.ModuleId, ct))?.Obligation(obligationKey);
        if (obligation is not { Due.Kind: ObligationDue.OnRequest, Filer: ObligationDeclaration.Applicant })
        {
            return Outcome<Guid>.Fail("", "该事项不能由本单位发起");
        }

        var today = BeijingTime.Today(clock);
        DateOnly? due = null;
        // The period is the program's own (seed 001 art. 21: 15 working days; a city's copy may set its own).
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        if (ValueExpression.Int(obligation.Due.WorkingDays, settings) is { } days)
        {
            if (eventDate is not { } happened)
            {
                return Outcome<Guid>.Fail("eventDate", "请填写事项发生（变更）的日期");
            }

            if (happened > today || happened < today.AddYears(-1))
            {
                return Outcome<Guid>.Fail("eventDate", "事项发生的日期应在过去一年内，且不晚于今天");
            }

            try
            {
                due = (await calendars.GetAsync(ct)).AddWorkingDays(happened.AddDays(1), days);
            }
            catch (CalendarNotMaintainedException ex)
            {
                return Outcome<Guid>.Fail("eventDate", ex.Message);
            }
        }

        var pending = await db.Set<Applications.Application>().AsNoTracking().CountAsync(a => a.AwardId == award.Id && a.ObligationKey == obligation.Key
            && (a.Status == Applications.ApplicationStatus.Draft || a.Status == Applications.ApplicationStatus.Returned), ct);
        if (pending > 0)
        {
            return Outcome<Guid>.Fail("", $"已有一份“{obligation.Title}”尚未报送，请先完成它");
        }

        var count = await db.Set<Applications.Application>().CountAsync(a => a.AwardId == award.Id && a.ObligationKey == obligation.Key, ct);
        var label = eventDate is { } date ? $"第{count + 1}次（{date:yyyy-MM-dd}）" : $"第{count + 1}次";
        var opened = await obligations.StageAsync(await db.Set<Award>().FirstAsync(a => a.Id == award.Id, ct), obligation, label, today, due, actor, ct);
        if (!opened.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Fail(opened.Errors);
        }

        var saved = await db.SaveOrConflictAsync(opened.Value!, $"刚刚已发起过一份“{obligation.Title}”（例如重复点击），请刷新页面查看", ct);
        return saved.Succeeded ? Outcome<Guid>.Ok(saved.Value!.Id) : Outcome<Guid>.Fail(saved.Errors);
    }
}
