using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>An application with everything needed to show and check it (the files only when asked for).</summary>
public sealed record ApplicationView(
    Application Application, FormDefinition Form, Round Round, ProgramInstance Program, IReadOnlyList<ApplicationFile>? AttachedFiles)
{
    public IReadOnlyList<ApplicationFile> Files => AttachedFiles ?? throw new InvalidOperationException("The application was loaded without its files.");

    public IEnumerable<FormSection> Sections => FormAnswers.ApplicantSections(Form, Application.Variant, Application.Answers);
}

/// <summary>
/// The applicant's side of an application: start it for an open round (certified and eligible organisations only),
/// save drafts without any check, attach files, submit with every problem listed. Objects of other organisations are
/// reported as not found; a closed round refuses every change on the server.
/// </summary>
public sealed class ApplicationService(DbContext db, FormStore forms, FileStore files, IApplicantDirectory applicants, ModuleCatalog modules, AuditLog audit, TimeProvider clock)
{
    /// <param name="withFiles">False for a save of the answers alone (autosave), which never looks at the files.</param>
    public async Task<ApplicationView?> FindAsync(Guid id, Guid organisationId, bool withFiles = true, CancellationToken ct = default)
    {
        // One round trip for the application with its round and program (the form comes from the version cache).
        var found = await (
            from a in db.Set<Application>()
            where a.Id == id && a.OrganisationId == organisationId
            join r in db.Set<Round>() on a.RoundId equals r.Id
            join p in db.Set<ProgramInstance>() on a.ProgramId equals p.Id
            select new { Application = a, Round = r, Program = p }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var (application, round, program) = (found.Application, found.Round, found.Program);
        var form = (await forms.FindAsync(application.FormKey, application.FormVersion, ct))!.Definition;
        var attached = withFiles ? await db.Set<ApplicationFile>().AsNoTracking().Where(f => f.ApplicationId == id).ToListAsync(ct) : null;
        return new ApplicationView(application, form, round, program, attached);
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
        return new Precheck(round, program, applicant, await EligibilityAsync(program, applicant, null, ct));
    }

    public async Task<Outcome<Application>> StartAsync(string roundKey, Guid organisationId, CancellationToken ct = default)
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
        var existing = await db.Set<Application>().FirstOrDefaultAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId, ct);
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
        db.Add(application);
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
            return Outcome<Application>.Ok(await db.Set<Application>().FirstAsync(a => a.RoundId == round.Id && a.OrganisationId == organisationId, ct));
        }

        return Outcome<Application>.Ok(application);
    }

    /// <summary>Saves the answers as they are, checking nothing but that the application may still be changed.</summary>
    public async Task<Outcome<Application>> SaveDraftAsync(ApplicationView view, JsonObject answers, IEnumerable<string> declarations, CancellationToken ct = default)
    {
        if (CannotChange(view) is { } reason)
        {
            return Outcome<Application>.Fail("", reason);
        }

        var application = view.Application;
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
    public async Task<IReadOnlyList<FormProblem>> ProblemsAsync(ApplicationView view, CancellationToken ct = default)
    {
        var problems = FormAnswers.Validate(view.Form, view.Application.Variant, view.Application.Answers, view.Application.Declarations.ToHashSet()).ToList();
        foreach (var slot in view.Form.AttachmentList.Where(s => s.Required && view.Files.All(f => f.Slot != s.Key)))
        {
            problems.Add(new FormProblem("attachments", $"file-{slot.Key}", $"请上传“{slot.Label}”"));
        }

        // Checked again at submit: certification can be withdrawn and the profile can change after the draft began.
        var applicant = await applicants.FindAsync(view.Application.OrganisationId, ct);
        if (applicant is not { Certified: true })
        {
            problems.Add(new FormProblem("eligibility", "eligibility", "贵单位尚未通过认证（或认证已失效），认证通过后方可提交"));
        }

        if (applicant is not null)
        {
            foreach (var result in (await EligibilityAsync(view.Program, applicant, ApplicableAnswers(view), ct)).Where(r => !r.Passed))
            {
                problems.Add(new FormProblem("eligibility", "eligibility", result.Message));
            }
        }

        return problems;
    }

    public async Task<Outcome<IReadOnlyList<FormProblem>>> SubmitAsync(ApplicationView view, Guid by, CancellationToken ct = default)
    {
        if (CannotChange(view) is { } reason)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Fail("", reason);
        }

        var problems = await ProblemsAsync(view, ct);
        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<FormProblem>>.Ok(problems);
        }

        var application = view.Application;
        var now = clock.GetUtcNow();
        application.Submissions++;
        (application.Status, application.SubmittedAt, application.UpdatedAt) = (ApplicationStatus.Submitted, now, now);
        db.Add(new ApplicationSubmission
        {
            Id = Guid.CreateVersion7(), ApplicationId = application.Id, Number = application.Submissions, Answers = ApplicableAnswers(view),
            Declarations = [.. application.Declarations],
            Files = new JsonObject(view.Files.Select(f => KeyValuePair.Create(f.Slot, (JsonNode?)new JsonObject { ["file"] = f.FileId.ToString(), ["name"] = f.FileName, ["sha256"] = f.Sha256 }))),
            SubmittedAt = now, SubmittedBy = by,
        });
        audit.Add("application.submitted", objectType: "application", objectId: application.Id.ToString(),
            details: new JsonObject { ["submission"] = application.Submissions, ["form"] = $"{application.FormKey}@{application.FormVersion}" });
        var saved = await SaveAsync(application, ct);
        return saved.Succeeded ? Outcome<IReadOnlyList<FormProblem>>.Ok([]) : Outcome<IReadOnlyList<FormProblem>>.Fail(saved.Errors);
    }

    public async Task<(StoredFile File, Stream Content)?> OpenFileAsync(ApplicationView view, string slot, CancellationToken ct = default)
    {
        var attached = view.Files.FirstOrDefault(f => f.Slot == slot);
        var file = attached is null ? null : await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == attached.FileId, ct);
        return file is null ? null : (file, files.OpenRead(file));
    }

    /// <summary>
    /// The answers of the sections that apply now: a section hidden by a later answer (e.g. 表3 once "no joint applicant"
    /// is chosen) keeps its draft values but neither counts for eligibility nor goes into a submission.
    /// </summary>
    private static JsonObject ApplicableAnswers(ApplicationView view) =>
        new(view.Sections.Where(s => view.Application.Answers[s.Key] is not null)
            .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)view.Application.Answers[s.Key]!.DeepClone())));

    private string? CannotChange(ApplicationView view) =>
        !view.Application.Editable ? "申报书已提交，不能修改；如被退回补正，可再修改"
        : view.Round.StateAt(clock.GetUtcNow()) != RoundState.Open ? "该批次已截止，不能再修改或提交"
        : null;

    private async Task<IReadOnlyList<EligibilityResult>> EligibilityAsync(ProgramInstance program, ApplicantProfile applicant, JsonObject? answers, CancellationToken ct)
    {
        var rules = await db.Set<ModuleEligibility>().AsNoTracking().Where(e => e.ModuleId == program.ModuleId).Select(e => e.Rules).FirstOrDefaultAsync(ct) ?? [];
        var owner = await db.Set<Authorities.Authority>().AsNoTracking().FirstAsync(a => a.Code == program.OwnerAuthorityCode, ct);
        var ownerCity = owner.Level == Authorities.AuthorityLevel.District ? owner.ParentCode! : owner.Code;
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        return Eligibility.Check(rules, applicant, settings, ownerCity, Eligibility.Today(clock), answers);
    }

    private Task<Outcome<Application>> SaveAsync(Application application, CancellationToken ct) =>
        db.SaveOrConflictAsync(application, "申报书刚被本单位其他成员修改过，请刷新页面后再保存", ct);
}
