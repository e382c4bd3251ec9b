using System.Net.Mail;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

public sealed record ObjectionInput(Guid ApplicationId, string RealName, string? OnBehalfOf, string Phone, string Email, string Text);

/// <summary>
/// 公示: the authority running a program lists the applications its decision would approve for N working days (first
/// day counted, by the admin-maintained calendar); signed-in users object during the period only, real-name with
/// contact details and evidence; staff uphold (the organisation leaves the list, on record) or dismiss (reason
/// recorded); when the period has ended and no objection is open, the result is published as a notice and the
/// applications move on. Each move is the chain's own system action (triggers publicityOpened / publicityPassed /
/// objectionUpheld), so it is checked, recorded and notified like any other.
/// </summary>
public sealed class PublicityService(
    DbContext db, LoadApplication applications, ActOnApplication act, CalendarStore calendars, FileStore files, ContentService content, AuthorityNames agencies,
    NotificationMailer mailer, Caching.PublicPageCache publicPages, Modules.ModuleCatalog modules, AuditLog audit, TimeProvider clock)
{
    public const int MaxEvidence = 3;

    /// <summary>Objections one account may make on one 公示 (a bound on what a single account can store).</summary>
    public const int MaxObjectionsPerAccount = 5;

    /// <summary>Applications of a round this actor may put on a 公示 now: in scope, in a state whose chain opens a 公示 from it.</summary>
    public async Task<IReadOnlyList<ApplicationView>> CandidatesAsync(string roundKey, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        if (round is null)
        {
            return [];
        }

        var listed = db.Set<PublicNoticeEntry>().Where(e => !e.Withdrawn).Select(e => e.ApplicationId);
        var ids = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.RoundId == round.Id && i.SubmittedAt != null && !listed.Contains(i.SubjectId)).Select(i => i.SubjectId).ToListAsync(ct);
        var result = new List<ApplicationView>();
        foreach (var id in ids)
        {
            if (await applications.FindForStaffAsync(id, actor, ct, withFiles: false) is { } view && Opens(view) is not null && ManagesProgram(view, actor))
            {
                result.Add(view);
            }
        }

        return result.OrderBy(v => v.Instance.OrganisationName, StringComparer.Ordinal).ToList();
    }

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

        var candidates = (await CandidatesAsync(roundKey, actor, ct)).ToDictionary(v => v.Application.Id);
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
            if (!await MoveAsync(id, WorkflowRoles.PublicityOpenedTrigger, ct))
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

    public async Task<Outcome<Objection>> ObjectAsync(
        Guid noticeId, ObjectionInput input, IReadOnlyList<(Stream Content, string FileName)> evidence, Guid userId, CancellationToken ct = default)
    {
        if (await FindAsync(noticeId, ct) is not { } found)
        {
            return Outcome<Objection>.Fail("", "公示不存在");
        }

        if (PeriodRefusal(found.Notice) is { } late)
        {
            return Outcome<Objection>.Fail("", late);
        }

        var errors = new FieldErrors();
        var (name, phone, email, text) = (input.RealName.Trim(), input.Phone.Trim(), input.Email.Trim(), input.Text.Trim());
        if (found.Entries.FirstOrDefault(e => e.ApplicationId == input.ApplicationId && !e.Withdrawn) is null)
        {
            errors.Add("ApplicationId", "请选择异议针对的公示单位");
        }

        if (name.Length is < 2 or > 50)
        {
            errors.Add("RealName", "请填写真实姓名（实名提出异议，匿名异议不予受理）");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(phone, @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$"))
        {
            errors.Add("Phone", "请填写可联系的手机号码或固定电话（如 13800000000 或 024-12345678）");
        }

        if (!MailAddress.TryCreate(email, out _) || email.Length > 256)
        {
            errors.Add("Email", "请填写有效的电子邮箱");
        }

        if (text.Length is < 10 or > 5000)
        {
            errors.Add("Text", "请写明异议的事实和理由（10–5000字）");
        }

        if (evidence.Count > MaxEvidence)
        {
            errors.Add("Evidence", $"证明材料最多{MaxEvidence}份");
        }

        if ((input.OnBehalfOf?.Length ?? 0) > 200)
        {
            errors.Add("OnBehalfOf", "单位名称不能超过200字");
        }

        if (errors.Any)
        {
            return Outcome<Objection>.Fail(errors);
        }

        var stored = new JsonArray();
        foreach (var (stream, fileName) in evidence)
        {
            try
            {
                var file = await files.SaveAsync(stream, fileName, UploadRules.Documents, userId, ct);
                stored.Add(new JsonObject { ["file"] = file.Id.ToString(), ["name"] = file.FileName, ["sha256"] = file.Sha256 });
            }
            catch (UploadRejectedException ex)
            {
                return Outcome<Objection>.Fail("Evidence", $"证明材料“{fileName}”：{ex.Message}");
            }
        }

        // Checked again under a lock on the 公示 after the files are stored: the result may have been published meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await LockAsync(noticeId, ct);
        if (current.State != PublicityState.Open || PeriodRefusal(current) is not null)
        {
            return Outcome<Objection>.Fail("", PeriodRefusal(current) ?? "公示已结束，结果已公布，不再受理异议");
        }

        if (await db.Set<Objection>().CountAsync(o => o.PublicNoticeId == noticeId && o.UserId == userId, ct) >= MaxObjectionsPerAccount)
        {
            return Outcome<Objection>.Fail("", $"同一账户对同一公示最多提出{MaxObjectionsPerAccount}条异议；如需补充，请在已提交的异议处理结果反馈后联系受理单位");
        }

        var objection = new Objection
        {
            Id = Guid.CreateVersion7(), PublicNoticeId = noticeId, ApplicationId = input.ApplicationId, UserId = userId, RealName = name,
            OnBehalfOf = string.IsNullOrWhiteSpace(input.OnBehalfOf) ? null : input.OnBehalfOf.Trim(), Phone = phone, Email = email, Text = text,
            Evidence = stored, SubmittedAt = clock.GetUtcNow(), State = ObjectionState.Open,
        };
        db.Add(objection);
        audit.Add("publicity.objection", objectType: "publicity", objectId: noticeId.ToString(),
            details: new JsonObject { ["objection"] = objection.Id.ToString(), ["application"] = input.ApplicationId.ToString(), ["evidence"] = stored.Count }, actorId: userId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<Objection>.Ok(objection);
    }

    public async Task<IReadOnlyList<Objection>> ObjectionsAsync(Guid noticeId, CancellationToken ct = default) =>
        await db.Set<Objection>().AsNoTracking().Where(o => o.PublicNoticeId == noticeId).OrderBy(o => o.SubmittedAt).ToListAsync(ct);

    /// <summary>Whether the actor runs the program of this 公示 (its reviewers handle objections and see the objectors' details).</summary>
    public static bool Manages(PublicNotice notice, WorkflowActor actor) =>
        actor.ReviewsAt(notice.OwnerAuthority);

    public async Task<Outcome<Objection>> HandleAsync(Guid objectionId, bool uphold, string? reason, WorkflowActor actor, CancellationToken ct = default)
    {
        var objection = await db.Set<Objection>().FirstOrDefaultAsync(o => o.Id == objectionId, ct);
        var notice = objection is null ? null : await db.Set<PublicNotice>().FirstOrDefaultAsync(p => p.Id == objection.PublicNoticeId, ct);
        if (objection is null || notice is null || !Manages(notice, actor))
        {
            return Outcome<Objection>.Fail("", "异议不存在");
        }

        reason = reason?.Trim();
        if (objection.State != ObjectionState.Open)
        {
            return Outcome<Objection>.Fail("", "该异议已处理");
        }

        if (notice.State != PublicityState.Open)
        {
            return Outcome<Objection>.Fail("", "公示结果已公布；对已公布结果的异议请按复核程序另行处理");
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            return Outcome<Objection>.Fail("Decision", "请填写处理理由（不超过2000字）");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        (objection.State, objection.Decision, objection.HandledBy, objection.HandledAt) =
            (uphold ? ObjectionState.Upheld : ObjectionState.Dismissed, reason, actor.UserId, clock.GetUtcNow());
        if (uphold)
        {
            var entry = await db.Set<PublicNoticeEntry>().FirstAsync(e => e.PublicNoticeId == notice.Id && e.ApplicationId == objection.ApplicationId, ct);
            (entry.Withdrawn, entry.WithdrawnReason) = (true, reason);
        }

        audit.Add(uphold ? "publicity.objection-upheld" : "publicity.objection-dismissed", objectType: "publicity", objectId: notice.Id.ToString(),
            details: new JsonObject { ["objection"] = objection.Id.ToString(), ["reason"] = reason }, actorId: actor.UserId, actorName: actor.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Objection>.Fail("", "该异议刚被他人处理过，请刷新后查看");
        }

        if (uphold && !await MoveAsync(objection.ApplicationId, WorkflowRoles.ObjectionUpheldTrigger, ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<Objection>.Fail("", WorkflowEngine.ConflictMessage);
        }

        await transaction.CommitAsync(ct);
        mailer.Poke();
        await publicPages.InvalidateAsync();
        return Outcome<Objection>.Ok(objection);
    }

    /// <summary>
    /// Publishes every 公示 whose last day has passed with no open objection: the result notice (its organisations) is
    /// published under the running authority, and each organisation still on the list moves on. Run by the timer job.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken ct = default)
    {
        var today = BeijingTime.Today(clock);
        var due = await db.Set<PublicNotice>().Where(p => p.State == PublicityState.Open && p.EndDate < today
            && !db.Set<Objection>().Any(o => o.PublicNoticeId == p.Id && o.State == ObjectionState.Open)).Select(p => p.Id).ToListAsync(ct);
        var published = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            published += await PublishAsync(id, ct) ? 1 : 0;
        }

        return published;
    }

    private async Task<bool> PublishAsync(Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notice = await LockAsync(id, ct);
        if (notice.State != PublicityState.Open || await db.Set<Objection>().AnyAsync(o => o.PublicNoticeId == id && o.State == ObjectionState.Open, ct))
        {
            return false;   // an objection arrived at the last moment: it is handled first
        }

        var entries = await db.Set<PublicNoticeEntry>().Where(e => e.PublicNoticeId == id && !e.Withdrawn).OrderBy(e => e.Position).ToListAsync(ct);
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == notice.ProgramId, ct);
        var agency = (await agencies.GetAsync(ct)).GetValueOrDefault(notice.OwnerAuthority, notice.OwnerAuthority);
        var body = new StringBuilder($"经公示（{notice.StartDate:yyyy年M月d日}至{notice.EndDate:yyyy年M月d日}），以下单位无异议或异议不成立，现予公布：\n\n");
        foreach (var (entry, index) in entries.Select((e, i) => (e, i + 1)))
        {
            body.Append(index).Append(". ").Append(entry.OrganisationName).Append('\n');
        }

        var actor = new ContentActor(null, "系统");
        var created = await content.CreateAsync("Notice", notice.OwnerAuthority, new JsonObject
        {
            ["title"] = $"{notice.Title.Replace("公示", "", StringComparison.Ordinal)}结果公布", ["issuer"] = agency,
            ["year"] = BeijingTime.Today(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["program"] = program.Slug, ["body"] = body.ToString(),
        }, actor, ct: ct);
        if (!created.Succeeded || !(await content.PublishAsync(created.Value!.Id, null, actor, ct)).Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        (notice.State, notice.PublishedAt, notice.ResultNoticeId) = (PublicityState.Published, clock.GetUtcNow(), created.Value!.Id);
        audit.Add("publicity.published", objectType: "publicity", objectId: id.ToString(), details: new JsonObject { ["notice"] = created.Value.Id.ToString(), ["count"] = entries.Count });
        await db.SaveChangesAsync(ct);
        foreach (var entry in entries)
        {
            if (!await MoveAsync(entry.ApplicationId, WorkflowRoles.PublicityPassedTrigger, ct))
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
        }

        await transaction.CommitAsync(ct);
        mailer.Poke();
        await publicPages.InvalidateAsync();
        return true;
    }

    /// <summary>The 公示 row, locked until the transaction ends (objections and publishing exclude each other).</summary>
    private async Task<PublicNotice> LockAsync(Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM public_notices WHERE id = {id} FOR UPDATE", ct);
        var notice = await db.Set<PublicNotice>().FirstAsync(p => p.Id == id, ct);
        await db.Entry(notice).ReloadAsync(ct);
        return notice;
    }

    /// <summary>Applies the chain's system action for <paramref name="trigger"/> from the application's current state.</summary>
    private async Task<bool> MoveAsync(Guid applicationId, string trigger, CancellationToken ct)
    {
        if (await applications.FindForSystemAsync(applicationId, ct) is not { } view
            || view.Workflow.ActionsFrom(view.Instance.State).FirstOrDefault(a => a.Trigger == trigger) is not { } action)
        {
            return trigger != WorkflowRoles.PublicityOpenedTrigger;   // a chain without this step simply has nothing to move
        }

        return (await act.ActAsync(view, action.Key, WorkflowActor.System, [], ct)).Succeeded;
    }

    private static WorkflowAction? Opens(ApplicationView view) =>
        view.Workflow.ActionsFrom(view.Instance.State).FirstOrDefault(a => a.Trigger == WorkflowRoles.PublicityOpenedTrigger);

    private static bool ManagesProgram(ApplicationView view, WorkflowActor actor) =>
        actor.ReviewsAt(view.Program.OwnerAuthorityCode);
}
