using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>An application with everything needed to show and check it (the files only when asked for).</summary>
public sealed record ApplicationView(
    Application Application, FormDefinition Form, Round Round, ProgramInstance Program, WorkflowInstance Instance, WorkflowDefinition Workflow,
    IReadOnlyList<ApplicationFile>? AttachedFiles, Awards.ObligationDeclaration? Obligation = null, JsonObject? ProgramSettings = null,
    Awards.AwardStatus? AwardStatus = null)
{
    /// <summary>The program's effective settings (its own values over the module's defaults).</summary>
    public JsonObject Settings => ProgramSettings ?? Program.Settings;

    /// <summary>What the page calls it: the form's title, or for an obligation what is owed and for which period.</summary>
    public string Title => Obligation is { } o ? $"{o.Title}（{Application.PeriodLabel}）" : Form.Title;

    public WorkflowState State => Workflow.State(Instance.State)!;

    public IReadOnlyList<ApplicationFile> Files => AttachedFiles ?? throw new InvalidOperationException("The application was loaded without its files.");

    public IEnumerable<FormSection> Sections => FormAnswers.ApplicantSections(Form, Application.Variant, Application.Answers);
}

/// <summary>
/// The applicant's side of an application: start it for an open round (certified and eligible organisations only),
/// save drafts without any check, attach files, submit with every problem listed. Objects of other organisations are
/// reported as not found; a closed round refuses every change on the server, except to an application returned for
/// correction, which may be changed until its correction deadline. Every move goes through the program's review chain.
/// </summary>
public sealed class ApplicationService(
    DbContext db, FormStore forms, FileStore files, IApplicantDirectory applicants, ModuleCatalog modules, WorkflowStore workflows,
    WorkflowEngine engine, Awards.ApplicationAwards awards, Awards.AwardDeclarations declarations, CheckEligibility eligibility, AuditLog audit,
    TimeProvider clock)
{
    public Task<ApplicationView?> FindAsync(Guid id, Guid organisationId, bool withFiles = true, CancellationToken ct = default) =>
        LoadAsync(id, organisationId, withFiles, ct);

    /// <summary>An application as a reviewer sees it: null (reported as not found) unless it is in the actor's scope.</summary>
    public async Task<ApplicationView?> FindForStaffAsync(Guid id, WorkflowActor actor, CancellationToken ct = default, bool withFiles = true)
    {
        var view = await LoadAsync(id, null, withFiles, ct);
        return view is not null && actor.OrganisationId is null && actor.CanSee(view.Instance) ? view : null;
    }

    /// <summary>For the system's own actions (timers): no scope applies.</summary>
    internal Task<ApplicationView?> FindForSystemAsync(Guid id, CancellationToken ct) => LoadAsync(id, null, withFiles: true, ct);

    private async Task<ApplicationView?> LoadAsync(Guid id, Guid? organisationId, bool withFiles, CancellationToken ct)
    {
        // One round trip for the application with its round, program and workflow instance (definitions are cached).
        var found = await (
            from a in db.Set<Application>()
            where a.Id == id && (organisationId == null || a.OrganisationId == organisationId)
            join r in db.Set<Round>() on a.RoundId equals r.Id
            join p in db.Set<ProgramInstance>() on a.ProgramId equals p.Id
            join i in db.Set<WorkflowInstance>() on a.Id equals i.SubjectId
            select new
            {
                Application = a, Round = r, Program = p, Instance = i,
                AwardStatus = db.Set<Awards.Award>().Where(w => w.Id == a.AwardId).Select(w => (Awards.AwardStatus?)w.Status).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var (application, round, program, instance) = (found.Application, found.Round, found.Program, found.Instance);

        // The form's words quote the program's own settings (a city's copy shows its thresholds).
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var version = (await forms.FindAsync(application.FormKey, application.FormVersion, ct))!;
        var form = FormSettingText.Resolve(version.Definition, version.Reference, settings);
        var workflow = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        var attached = withFiles ? await db.Set<ApplicationFile>().AsNoTracking().Where(f => f.ApplicationId == id).ToListAsync(ct) : null;
        var obligation = application.ObligationKey is { } key ? (await declarations.FindAsync(program.ModuleId, ct))?.Obligation(key) : null;
        return new ApplicationView(application, form, round, program, instance, workflow, attached, obligation, settings, found.AwardStatus);
    }

    /// <summary>
    /// Gives every application without a review instance its instance (applications begun before review chains existed,
    /// or written by a data import): a draft starts at the beginning; anything already submitted is placed where its
    /// submission leads, with a system entry saying so. Run at start-up, before the site serves.
    /// </summary>
    public async Task<int> StartMissingInstancesAsync(CancellationToken ct = default)
    {
        var missing = await db.Set<Application>().Where(a => !db.Set<WorkflowInstance>().Any(i => i.SubjectId == a.Id)).ToListAsync(ct);
        var started = 0;
        foreach (var application in missing)
        {
            var round = await db.Set<Round>().AsNoTracking().FirstAsync(r => r.Id == application.RoundId, ct);
            var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == application.ProgramId, ct);
            DateTimeOffset? submittedAt = application.Status == ApplicationStatus.Draft ? null : application.SubmittedAt ?? application.UpdatedAt;
            if (await applicants.FindAsync(application.OrganisationId, ct) is { } applicant
                && await StartInstanceAsync(application, round, program, applicant, WorkflowActor.System, ct, submittedAt) is not null)
            {
                started++;
            }
        }

        await db.SaveChangesAsync(ct);
        return started;
    }

    private async Task<WorkflowInstance?> StartInstanceAsync(
        Application application, Round round, ProgramInstance program, ApplicantProfile applicant, WorkflowActor actor, CancellationToken ct,
        DateTimeOffset? submittedAt = null)
    {
        var version = await (round.WorkflowVersion is { } pinned ? workflows.ResolveAsync(pinned, ct) : workflows.LatestAsync(ProgramService.ReviewWorkflowKey(program), ct));
        return version is null ? null : engine.Start(version, new WorkflowInstance
        {
            SubjectId = application.Id, ProgramId = program.Id, RoundId = round.Id, OrganisationId = application.OrganisationId,
            OrganisationName = applicant.Name, CityCode = applicant.CityCode, DistrictCode = applicant.DistrictCode,
            OwnerAuthority = program.OwnerAuthorityCode, WorkflowKey = "", State = "", LastHash = "",
        }, actor, submittedAt);
    }

    /// <summary>The profile checks of the round's program for an organisation (answers-based rules are marked for submit).</summary>
    public async Task<Precheck?> PrecheckAsync(
        string roundKey, Guid organisationId, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        var applicant = await applicants.FindAsync(organisationId, ct);
        if (round is null || applicant is null)
        {
            return null;
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        return new Precheck(round, program, applicant, await eligibility.RunAsync(program, applicant, null, ct));
    }

    public async Task<Outcome<Application>> StartAsync(string roundKey, Guid organisationId, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await PrecheckAsync(roundKey, organisationId, ct) is not { } check)
        {
            return Outcome<Application>.Fail("", "申报批次不存在");
        }

        var (round, program, applicant, _) = check;
        if (check.AccessRefusal(clock.GetUtcNow()) is { } closed)
        {
            return Outcome<Application>.Fail("", closed);
        }

        // An application already begun is continued even if the profile has changed since; submit checks it again.
        var existing = await db.Set<Application>().FirstOrDefaultAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId && a.Kind == ApplicationKind.Application, ct);
        if (existing is not null)
        {
            return Outcome<Application>.Ok(existing);
        }

        if (check.EligibilityRefusal is { } ineligible)
        {
            return Outcome<Application>.Fail("", ineligible);
        }

        var form = await (round.FormVersion is { } pinned ? forms.ResolveAsync(pinned, ct) : forms.LatestAsync(ProgramService.ApplicationFormKey(program), ct));
        if (form is null)
        {
            return Outcome<Application>.Fail("", "该批次尚未配置申报表");
        }

        var variant = form.Definition.VariantFor(applicant.Type);
        if (form.Definition.VariantList.Count > 0 && variant is null)
        {
            return Outcome<Application>.Fail("", "该申报表没有适用于贵单位类型的表格");
        }

        var now = clock.GetUtcNow();
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = organisationId, FormKey = form.Key,
            FormVersion = form.Version, Variant = variant, Status = ApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        FormPrefill.FromProfile(form.Definition, variant, application.Answers, applicant);
        db.Add(application);
        if (await StartInstanceAsync(application, round, program, applicant, actor, ct) is null)
        {
            db.ChangeTracker.Clear();
            return Outcome<Application>.Fail("", "该批次尚未配置审核流程");
        }

        audit.Add("application.started", objectType: "application", objectId: application.Id.ToString(),
            details: new JsonObject { ["round"] = round.Key, ["form"] = form.Reference });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // Another member started the same round a moment ago: one application per organisation and round.
            db.ChangeTracker.Clear();
            return Outcome<Application>.Ok(await db.Set<Application>().FirstAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId && a.Kind == ApplicationKind.Application, ct));
        }

        return Outcome<Application>.Ok(application);
    }

    /// <summary>
    /// An authority's action that brings an organisation into a program without an application of its own (seed 002 art. 7:
    /// national and provincial outlets are included without filing): the chain's staff action from its initial state,
    /// naming the organisation by its <c>creditCode</c> input, applied to a new application of the round.
    /// </summary>
    public async Task<Outcome<Guid>> IncludeAsync(string roundKey, string action, JsonObject inputs, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        var program = round is null ? null : await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        var code = inputs["creditCode"]?.ToString().Trim().ToUpperInvariant() ?? "";
        if (round is null || program is null)
        {
            return Outcome<Guid>.Fail("", "申报批次不存在");
        }

        if (await applicants.FindByCreditCodeAsync(code, ct) is not { } applicant)
        {
            return Outcome<Guid>.Fail("creditCode", $"平台上没有统一社会信用代码为“{code}”的单位（该单位须先注册）");
        }

        if (await db.Set<Application>().AnyAsync(a => a.RoundId == round.Id && a.OrganisationId == applicant.OrganisationId && a.Kind == ApplicationKind.Application, ct))
        {
            return Outcome<Guid>.Fail("creditCode", $"“{applicant.Name}”在本批次已有申报或已纳入");
        }

        if (await Sanctions.Bans.InForceAsync(db, applicant.OrganisationId, program.ModuleId, Time.BeijingTime.Today(clock), ct) is { } ban)
        {
            return Outcome<Guid>.Fail("creditCode", $"“{applicant.Name}”{ban.Reason}，{ban.EndsOn:yyyy年M月d日}前不得纳入本项目");
        }

        var form = await (round.FormVersion is { } pinned ? forms.ResolveAsync(pinned, ct) : forms.LatestAsync(ProgramService.ApplicationFormKey(program), ct));
        if (form is null)
        {
            return Outcome<Guid>.Fail("", "该批次尚未配置申报表");
        }

        var now = clock.GetUtcNow();
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = applicant.OrganisationId, FormKey = form.Key,
            FormVersion = form.Version, Variant = form.Definition.VariantFor(applicant.Type), Status = ApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        FormPrefill.FromProfile(form.Definition, application.Variant, application.Answers, applicant);
        db.Add(application);
        if (await StartInstanceAsync(application, round, program, applicant, actor, ct) is not { } instance)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Fail("", "该批次尚未配置审核流程");
        }

        var workflow = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        var view = new ApplicationView(application, form.Definition, round, program, instance, workflow, []);
        var applied = await engine.ApplyAsync(instance, workflow, action, actor, inputs, Subject(view, () => Task.FromResult<IReadOnlyList<FormProblem>>([])), ct);
        if (!applied.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Fail(applied.Errors);
        }

        await awards.AfterCommitAsync();
        return Outcome<Guid>.Ok(application.Id);
    }

    /// <summary>Saves the answers as they are, checking nothing but that the application may still be changed.</summary>
    public async Task<Outcome<Application>> SaveDraftAsync(ApplicationView view, JsonObject answers, IEnumerable<string> declarations, CancellationToken ct = default)
    {
        if (CannotChange(view) is { } reason)
        {
            return Outcome<Application>.Fail("", reason);
        }

        var application = view.Application;
        FormPrefill.KeepLocked(view.Form, application.Variant, answers, application.Answers);
        foreach (var (section, values) in answers)
        {
            application.Answers[section] = values?.DeepClone();
        }

        application.Declarations = declarations.Where(d => view.Form.DeclarationList.Any(x => x.Key == d)).Distinct().ToList();
        application.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(application, ct);
    }

    public async Task<Outcome<ApplicationFile>> AttachAsync(ApplicationView view, string slotKey, Stream content, string fileName, Guid by, CancellationToken ct = default)
    {
        if (CannotChange(view) is { } reason)
        {
            return Outcome<ApplicationFile>.Fail("", reason);
        }

        var slot = view.Form.AttachmentList.FirstOrDefault(s => s.Key == slotKey);
        if (slot is null)
        {
            return Outcome<ApplicationFile>.Fail("", "附件项不存在");
        }

        StoredFile stored;
        try
        {
            stored = await files.SaveAsync(content, fileName, slot.Rules(), by, ct);
        }
        catch (UploadRejectedException ex)
        {
            return Outcome<ApplicationFile>.Fail($"file-{slotKey}", $"“{slot.Label}”：{ex.Message}");
        }

        db.Set<ApplicationFile>().RemoveRange(await db.Set<ApplicationFile>().Where(f => f.ApplicationId == view.Application.Id && f.Slot == slotKey).ToListAsync(ct));
        var file = new ApplicationFile
        {
            Id = Guid.CreateVersion7(), ApplicationId = view.Application.Id, Slot = slotKey, FileId = stored.Id, FileName = stored.FileName,
            Sha256 = stored.Sha256, Size = stored.Size, UploadedAt = clock.GetUtcNow(),
        };
        db.Add(file);
        audit.Add("application.file-attached", objectType: "application", objectId: view.Application.Id.ToString(),
            details: new JsonObject { ["slot"] = slotKey, ["file"] = stored.FileName, ["sha256"] = stored.Sha256, ["size"] = stored.Size });
        view.Application.UpdatedAt = clock.GetUtcNow();
        var saved = await SaveAsync(view.Application, ct);
        return saved.Succeeded ? Outcome<ApplicationFile>.Ok(file) : Outcome<ApplicationFile>.Fail(saved.Errors);
    }

    /// <summary>Every problem at once: form fields, required attachments and the answer-based eligibility rules.</summary>
    public async Task<IReadOnlyList<FormProblem>> ProblemsAsync(ApplicationView view, CancellationToken ct = default) =>
        await ProblemsAsync(view, view.Application.IsObligation ? null : await applicants.FindAsync(view.Application.OrganisationId, ct), ct);

    private async Task<IReadOnlyList<FormProblem>> ProblemsAsync(ApplicationView view, ApplicantProfile? applicant, CancellationToken ct)
    {
        var problems = FormAnswers.Validate(view.Form, view.Application.Variant, view.Application.Answers, view.Application.Declarations.ToHashSet()).ToList();
        foreach (var slot in view.Form.AttachmentList.Where(s => s.Required && view.Files.All(f => f.Slot != s.Key)))
        {
            problems.Add(new FormProblem("attachments", $"file-{slot.Key}", $"请上传“{slot.Label}”"));
        }

        if (view.Application.IsObligation)
        {
            return problems;   // what an award obliges is owed whatever the profile says now
        }

        // Checked again at submit: certification can be withdrawn and the profile can change after the draft began.
        if (applicant is not { Certified: true })
        {
            problems.Add(new FormProblem("eligibility", "eligibility", "贵单位尚未通过认证（或认证已失效），认证通过后方可提交"));
        }

        if (applicant is not null)
        {
            foreach (var result in (await eligibility.RunAsync(view.Program, applicant, ApplicableAnswers(view), ct)).Where(r => r.Refuses))
            {
                problems.Add(new FormProblem("eligibility", "eligibility", result.Message));
            }
        }

        return problems;
    }

    /// <summary>
    /// Submits (or, after a return, resubmits): every problem is listed and nothing moves while there is one; otherwise the
    /// applicant's action of the review chain is applied, which snapshots the submission.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<FormProblem>>> SubmitAsync(ApplicationView view, WorkflowActor actor, CancellationToken ct = default)
    {
        if (CannotChange(view) is { } reason)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail("", reason);
        }

        // What is filed carries the certified name and credit code as they are now (a renamed organisation's new name).
        var applicant = await applicants.FindAsync(view.Application.OrganisationId, ct);
        if (applicant is not null)
        {
            FormPrefill.FromProfile(view.Form, view.Application.Variant, view.Application.Answers, applicant, lockedOnly: true);
        }

        var problems = await ProblemsAsync(view, view.Application.IsObligation ? null : applicant, ct);
        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Ok(problems);
        }

        if (WorkflowEngine.Available(view.Workflow, view.Instance, actor).FirstOrDefault(a => a.ByApplicant) is not { } submit)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail("", "申报书当前不能提交");
        }

        var applied = await engine.ApplyAsync(view.Instance, view.Workflow, submit.Key, actor, [], Subject(view, () => Task.FromResult(problems)), ct);
        if (!applied.Succeeded)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail(applied.Errors);
        }

        await awards.AfterCommitAsync();
        return Outcome<IReadOnlyList<FormProblem>>.Ok([]);
    }

    /// <summary>A reviewer's (or the system's) action on an application; inputs already carry uploaded files and form sections.</summary>
    public async Task<Outcome<WorkflowHistoryEntry>> ActAsync(ApplicationView view, string action, WorkflowActor actor, JsonObject inputs, CancellationToken ct = default)
    {
        var applied = await engine.ApplyAsync(view.Instance, view.Workflow, action, actor, inputs, Subject(view, () => ProblemsAsync(view, ct)), ct);
        if (applied.Succeeded)
        {
            await awards.AfterCommitAsync();
        }

        return applied;
    }

    private ApplicationSubject Subject(ApplicationView view, Func<Task<IReadOnlyList<FormProblem>>> problems) =>
        new(view, db, problems, () => FlagsAsync(view), awards, clock);

    /// <summary>
    /// The figures of a filed application below a minimum that may be relaxed (seed 003): shown to its reviewers, who
    /// accept them with a reason (guard <c>flagsAccepted</c>) or refuse the application.
    /// </summary>
    public async Task<IReadOnlyList<EligibilityResult>> FlagsAsync(ApplicationView view, CancellationToken ct = default)
    {
        if (view.Application.IsObligation || await applicants.FindAsync(view.Application.OrganisationId, ct) is not { } applicant)
        {
            return [];
        }

        return (await eligibility.RunAsync(view.Program, applicant, ApplicableAnswers(view), ct)).Where(r => r.Flagged).ToList();
    }

    public async Task<(StoredFile File, Stream Content)?> OpenFileAsync(ApplicationView view, string slot, CancellationToken ct = default)
    {
        var attached = view.Files.FirstOrDefault(f => f.Slot == slot);
        var file = attached is null ? null : await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == attached.FileId, ct);
        return file is null ? null : (file, files.OpenRead(file));
    }

    /// <summary>A file given with a review action (e.g. a 推荐函): only one that this application's history names.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenActionFileAsync(ApplicationView view, Guid fileId, CancellationToken ct = default)
    {
        var named = await db.Set<WorkflowHistoryEntry>().AsNoTracking().Where(e => e.InstanceId == view.Instance.Id).Select(e => e.Inputs).ToListAsync(ct);
        if (!named.Any(inputs => inputs.Any(i => i.Value is JsonObject o && o["file"]?.ToString() == fileId.ToString())))
        {
            return null;
        }

        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        return file is null ? null : (file, files.OpenRead(file));
    }

    /// <summary>
    /// The answers of the sections that apply now: a section hidden by a later answer (e.g. 表3 once "no joint applicant"
    /// is chosen) keeps its draft values but neither counts for eligibility nor goes into a submission.
    /// </summary>
    internal static JsonObject ApplicableAnswers(ApplicationView view) =>
        new(view.Sections.Where(s => view.Application.Answers[s.Key] is not null)
            .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)view.Application.Answers[s.Key]!.DeepClone())));

    /// <summary>Why the applicant cannot change the application (or obligation filing) now; null when it can.</summary>
    public string? CannotChange(ApplicationView view) =>
        view.AwardStatus is { } status && !Awards.AwardStatusNames.IsActive(status) ? $"该称号（资格）{Awards.AwardStatusNames.ToChinese(status)}，无需再报送"
        : view.Obligation is { Filer: Awards.ObligationDeclaration.City } ? "该事项由所在市知识产权局报送"
        : !view.Application.Editable ? (view.Application.IsObligation ? "已报送，不能修改；如被退回补正，可再修改" : "申报书已提交，不能修改；如被退回补正，可再修改")
        : view.Application.Status == ApplicationStatus.Returned
            ? (view.Instance.DueAt is { } due && clock.GetUtcNow() >= due ? $"补正期限（{view.Instance.Deadline:yyyy年M月d日}）已过，不能再修改或提交" : null)
        : view.Application.IsObligation
            ? (view.Application.OpensOn is { } opens && Time.BeijingTime.Today(clock) < opens ? $"尚未到报送时间（{opens:yyyy年M月d日}起可填写）" : null)
        : view.Round.StateAt(clock.GetUtcNow()) != RoundState.Open ? "该批次已截止，不能再修改或提交"
        : null;

    private Task<Outcome<Application>> SaveAsync(Application application, CancellationToken ct) =>
        db.SaveOrConflictAsync(application, "申报书刚被本单位其他成员修改过，请刷新页面后再保存", ct);
}
