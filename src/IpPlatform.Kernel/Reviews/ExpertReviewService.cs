using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

public sealed record AssignmentView(ExpertAssignment Assignment, WorkflowInstance Instance, string Program, string Round);

/// <summary>
/// Expert review while an application is in a state with a rubric (<see cref="WorkflowState.Scoring"/>): reviewers who
/// may act on it assign experts (by hand or at random with constraints: never the applicant's own employer, optionally
/// not from its city); an expert declares no conflict of interest before seeing anything, or declines with a reason and
/// is replaced; scores are bounded by the rubric on the server, saved as drafts, locked on submission; everything audited.
/// </summary>
public sealed class ExpertReviewService(
    DbContext db, LoadApplication applications, ActOnApplication act, WorkflowStore workflows, IExpertDirectory experts, IApplicantDirectory applicants,
    ModuleCatalog modules, AuditLog audit, TimeProvider clock)
{
    public const int MaxComment = 1000;
    public const string ConflictMessage = "该评分表刚被修改过，本次保存未生效；请刷新后再试";

    /// <summary>The application's rubric now, when the actor may manage its expert review (null otherwise).</summary>
    public async Task<Rubric?> ManagedRubricAsync(ApplicationView view, WorkflowActor actor, CancellationToken ct = default) =>
        view.State.Scoring is { } key && WorkflowEngine.Available(view.Workflow, view.Instance, actor).Count > 0
            ? (await db.Set<RubricRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct))?.Definition
            : null;

    public async Task<IReadOnlyList<ExpertAssignment>> OfApplicationAsync(Guid applicationId, CancellationToken ct = default) =>
        await db.Set<ExpertAssignment>().AsNoTracking().Where(a => a.ApplicationId == applicationId).OrderBy(a => a.AssignedAt).ToListAsync(ct);

    /// <summary>
    /// Experts who may score this application: with a recorded employer (otherwise the own-organisation rule cannot be
    /// kept), employed neither by the applicant nor by any organisation named in its answers (e.g. a joint applicant),
    /// not already on it, and (when asked) not from its city.
    /// </summary>
    public async Task<IReadOnlyList<ExpertCandidate>> CandidatesAsync(WorkflowInstance instance, bool otherCityOnly, CancellationToken ct = default)
    {
        var organisations = await OrganisationsOfAsync(instance, ct);
        var taken = await db.Set<ExpertAssignment>().Where(a => a.ApplicationId == instance.SubjectId).Select(a => a.ExpertId).ToListAsync(ct);
        return (await experts.ListAsync(ct)).Where(e =>
            e.EmployerCreditCode is { Length: 18 } employer && !organisations.Contains(employer.ToUpperInvariant())
            && !taken.Contains(e.Id)
            && !(otherCityOnly && e.CityCode == instance.CityCode)).ToList();
    }

    /// <summary>
    /// The applicant's credit code and every credit code its answers name (joint applicants) — for a check an award
    /// obliges (seed 004's 验收考核), also those of the application that won the award: its joint applicant is as
    /// interested in the outcome as the awardee.
    /// </summary>
    private async Task<HashSet<string>> OrganisationsOfAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if ((await applicants.FindAsync(instance.OrganisationId, ct))?.CreditCode is { Length: > 0 } own)
        {
            codes.Add(own.ToUpperInvariant());
        }

        var filing = await db.Set<Application>().AsNoTracking().Where(a => a.Id == instance.SubjectId).Select(a => new { a.Answers, a.AwardId }).FirstOrDefaultAsync(ct);
        var answerSets = new List<JsonObject?> { filing?.Answers };
        if (filing?.AwardId is { } awardId)
        {
            answerSets.Add(await (from award in db.Set<Awards.Award>().AsNoTracking()
                                  where award.Id == awardId
                                  join won in db.Set<Application>().AsNoTracking() on award.ApplicationId equals won.Id
                                  select won.Answers).FirstOrDefaultAsync(ct));
        }

        foreach (var answers in answerSets)
        {
            foreach (var (_, section) in answers ?? [])
            {
                if (section is JsonObject fields && fields["creditCode"]?.ToString() is { Length: > 0 } code)
                {
                    codes.Add(code.Trim().ToUpperInvariant());
                }
            }
        }

        return codes;
    }

    /// <summary>Why an expert's work on this application is closed now (the application left expert review); null while open.</summary>
    private async Task<string?> ClosedAsync(ExpertAssignment assignment, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstAsync(i => i.SubjectId == assignment.ApplicationId, ct);
        var definition = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        return definition.State(instance.State)?.Scoring is null ? "该申报的专家评审已结束，不能再声明或评分" : null;
    }

    public async Task<Outcome<int>> AssignAsync(ApplicationView view, IReadOnlyList<Guid> expertIds, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await ManagedRubricAsync(view, actor, ct) is not { } rubric)
        {
            return Outcome<int>.Fail("", "该申报当前不在专家评审阶段，或您无权分配专家");
        }

        var candidates = (await CandidatesAsync(view.Instance, otherCityOnly: false, ct)).ToDictionary(e => e.Id);
        var errors = new FieldErrors();
        foreach (var id in expertIds.Distinct().Where(id => !candidates.ContainsKey(id)))
        {
            errors.Add("experts", "所选专家已分配给该申报、与申报单位有任职关系，或不在专家库中");
        }

        if (errors.Any || expertIds.Count == 0)
        {
            return Outcome<int>.Fail(errors.Any ? errors : FieldErrors.Of("experts", "请至少选择一位专家"));
        }

        foreach (var id in expertIds.Distinct())
        {
            Add(view, candidates[id], rubric, actor);
        }

        return await SaveAsync(expertIds.Distinct().Count(), ct);
    }

    /// <summary>Tops each application up to <paramref name="perApplication"/> active experts, the least loaded first (random among equals).</summary>
    public async Task<Outcome<int>> AssignRandomAsync(
        IReadOnlyList<Guid> applicationIds, int perApplication, bool otherCityOnly, WorkflowActor actor, Random? random = null, CancellationToken ct = default)
    {
        if (perApplication is < 1 or > 20)
        {
            return Outcome<int>.Fail("perApplication", "每份申报的专家人数应在 1–20 之间");
        }

        random ??= Random.Shared;
        var load = await db.Set<ExpertAssignment>().Where(a => a.State == AssignmentState.Assigned || a.State == AssignmentState.Accepted)
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var (assigned, errors) = (0, new FieldErrors());

        // The applications' instances stay locked until the assignments commit: two random assignments at once cannot
        // both top the same application up (the second counts what the first added).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = applicationIds.Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_instances WHERE subject_id = ANY({locked}) ORDER BY subject_id FOR UPDATE", ct);
        foreach (var id in locked)
        {
            if (await applications.FindForStaffAsync(id, actor, ct, withFiles: false) is not { } view || await ManagedRubricAsync(view, actor, ct) is not { } rubric)
            {
                errors.Add("", "有申报不在专家评审阶段，或您无权分配专家");
                continue;
            }

            var active = await db.Set<ExpertAssignment>().CountAsync(a => a.ApplicationId == id && a.State != AssignmentState.Declined, ct);
            var needed = perApplication - active;
            var pool = (await CandidatesAsync(view.Instance, otherCityOnly, ct))
                .OrderBy(e => load.GetValueOrDefault(e.Id)).ThenBy(_ => random.Next()).Take(Math.Max(0, needed)).ToList();
            if (pool.Count < needed)
            {
                errors.Add("", $"“{view.Instance.OrganisationName}”可分配的专家不足（还需{needed}位，符合条件的只有{pool.Count}位）");
                continue;
            }

            foreach (var expert in pool)
            {
                Add(view, expert, rubric, actor);
                load[expert.Id] = load.GetValueOrDefault(expert.Id) + 1;
                assigned++;
            }
        }

        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Fail(errors);
        }

        var saved = await SaveAsync(assigned, ct);
        if (saved.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }

        return saved;
    }

    public async Task<IReadOnlyList<AssignmentView>> ForExpertAsync(Guid expertId, CancellationToken ct = default) =>
        (await (from a in db.Set<ExpertAssignment>().AsNoTracking()
                where a.ExpertId == expertId
                join i in db.Set<WorkflowInstance>() on a.ApplicationId equals i.SubjectId
                join p in db.Set<ProgramInstance>() on i.ProgramId equals p.Id
                join r in db.Set<Round>() on i.RoundId equals r.Id
                orderby a.AssignedAt descending
                select new { a, i, Program = p.Name, Round = r.Title }).ToListAsync(ct))
        .Select(x => new AssignmentView(x.a, x.i, x.Program, x.Round)).ToList();

    /// <summary>An assignment of this expert (null for anyone else's: reported as not found).</summary>
    public Task<ExpertAssignment?> FindAsync(Guid assignmentId, Guid expertId, CancellationToken ct = default) =>
        db.Set<ExpertAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId && a.ExpertId == expertId, ct);

    /// <summary>The application behind an assignment, only once its expert has declared no conflict.</summary>
    public async Task<ApplicationView?> ApplicationAsync(ExpertAssignment assignment, CancellationToken ct = default) =>
        assignment.State is AssignmentState.Accepted or AssignmentState.Submitted
            ? await applications.FindForSystemAsync(assignment.ApplicationId, ct)
            : null;

    public async Task<Outcome<ExpertAssignment>> DeclareAsync(ExpertAssignment assignment, bool conflict, string? reason, WorkflowActor expert, CancellationToken ct = default)
    {
        if (assignment.State != AssignmentState.Assigned)
        {
            return Outcome<ExpertAssignment>.Fail("", "已作出声明，不能更改");
        }

        if (await ClosedAsync(assignment, ct) is { } closed)
        {
            return Outcome<ExpertAssignment>.Fail("", closed);
        }

        reason = reason?.Trim();
        if (conflict && string.IsNullOrEmpty(reason))
        {
            return Outcome<ExpertAssignment>.Fail("reason", "请填写回避理由（与申报单位存在的利益关系）");
        }

        if (reason is { Length: > MaxComment })
        {
            return Outcome<ExpertAssignment>.Fail("reason", $"回避理由不能超过{MaxComment}字");
        }

        // A decline and its replacement happen under the application's lock: two experts declining at once get two
        // different replacements (the second sees the first's).
        await using var transaction = conflict ? await db.Database.BeginTransactionAsync(ct) : null;
        if (conflict)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_instances WHERE subject_id = {assignment.ApplicationId} FOR UPDATE", ct);
        }

        (assignment.State, assignment.DeclineReason, assignment.DeclaredAt) = conflict
            ? (AssignmentState.Declined, reason, clock.GetUtcNow()) : (AssignmentState.Accepted, null, clock.GetUtcNow());
        audit.Add(conflict ? "expert.declined" : "expert.no-conflict", objectType: "application", objectId: assignment.ApplicationId.ToString(),
            details: new JsonObject { ["assignment"] = assignment.Id.ToString(), ["reason"] = reason }, actorId: expert.UserId, actorName: expert.Name);
        if (conflict && await ReplacementAsync(assignment, ct) is { } replacement)
        {
            audit.Add("expert.reassigned", objectType: "application", objectId: assignment.ApplicationId.ToString(),
                details: new JsonObject { ["declined"] = assignment.ExpertName, ["replacement"] = replacement.ExpertName });
        }

        var saved = await SaveAsync(1, ct);
        if (saved.Succeeded && transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return saved.Succeeded ? Outcome<ExpertAssignment>.Ok(assignment)
            : Outcome<ExpertAssignment>.Fail("", "刚才有其他操作同时改动了该申报的专家分配，本次未生效，请刷新后再提交");
    }

    /// <summary>Saves the sheet as typed (draft) or, with <paramref name="submit"/>, checks every item and locks it.</summary>
    public async Task<Outcome<ExpertAssignment>> ScoreAsync(
        ExpertAssignment assignment, IReadOnlyDictionary<string, (string Score, string Comment)> sheet, bool submit, WorkflowActor expert, CancellationToken ct = default)
    {
        if (assignment.State != AssignmentState.Accepted)
        {
            return Outcome<ExpertAssignment>.Fail("", assignment.State == AssignmentState.Submitted ? "评分表已提交，不能再修改" : "请先作出利益冲突声明");
        }

        if (await ClosedAsync(assignment, ct) is { } closed)
        {
            return Outcome<ExpertAssignment>.Fail("", closed);
        }

        var errors = new FieldErrors();
        var scores = new JsonObject();
        decimal total = 0;
        foreach (var item in assignment.Rubric.Items)
        {
            var (text, comment) = sheet.TryGetValue(item.Key, out var given) ? (given.Score.Trim(), given.Comment.Trim()) : ("", "");
            scores[item.Key] = new JsonObject { ["score"] = text, ["comment"] = comment.Length > MaxComment ? comment[..MaxComment] : comment };
            if (comment.Length > MaxComment)
            {
                errors.Add(item.Key, $"“{item.Label}”的评语不能超过{MaxComment}字");
            }

            if (text.Length == 0)
            {
                if (submit)
                {
                    errors.Add(item.Key, $"请为“{item.Label}”打分");
                }

                continue;
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) || score < 0 || score > item.Max
                || decimal.Round(score, 1) != score)
            {
                errors.Add(item.Key, $"“{item.Label}”的得分应在 0–{item.Max:0.#} 分之间，最多一位小数");
                continue;
            }

            total += score;
        }

        // A draft keeps what was typed even when some of it is out of bounds; a submission must be complete and valid.
        assignment.Scores = scores;
        if (submit && errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<ExpertAssignment>.Fail(errors);
        }

        if (submit)
        {
            (assignment.State, assignment.Total, assignment.SubmittedAt) = (AssignmentState.Submitted, total, clock.GetUtcNow());
            audit.Add("expert.scored", objectType: "application", objectId: assignment.ApplicationId.ToString(),
                details: new JsonObject { ["assignment"] = assignment.Id.ToString(), ["total"] = total }, actorId: expert.UserId, actorName: expert.Name);
        }

        var saved = await SaveAsync(1, ct);
        return !saved.Succeeded ? Outcome<ExpertAssignment>.Fail(saved.Errors)
            : errors.Any ? Outcome<ExpertAssignment>.Fail(errors)
            : Outcome<ExpertAssignment>.Ok(assignment);
    }

    /// <summary>The ranking of a round's applications in expert review (see <see cref="Ranking"/>), with the program's trimming rule.</summary>
    public async Task<(IReadOnlyList<RankedApplication> Ranked, IReadOnlyList<(Guid Id, string Organisation, int Submitted, int Active)> Pending)> RankingAsync(
        string roundKey, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        if (round is null)
        {
            return ([], []);
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var trimFrom = settings["trimScoresFromExperts"] is JsonValue v && v.TryGetValue(out int n) ? n : 5;
        // Only instances in a state with a rubric (by the stored definitions), then the actor's scope.
        var scoringStates = new List<string>();
        foreach (var version in await db.Set<WorkflowVersion>().AsNoTracking().Select(v => new { v.Key, v.Version }).ToListAsync(ct))
        {
            var definition = (await workflows.FindAsync(version.Key, version.Version, ct))!.Definition;
            scoringStates.AddRange(definition.States.Where(st => st.Scoring is not null).Select(st => $"{version.Key}@{version.Version}:{st.Key}"));
        }

        var inScoring = (await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.RoundId == round.Id && i.Kind == ApplicationKind.Application && i.SubmittedAt != null && scoringStates.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State))
            .ToListAsync(ct)).Where(actor.CanSee).ToList();

        // The sheets as the ranking needs them, read in one query: totals and the heaviest item's score (not whole documents).
        var rubricKeys = scoringStates.Count == 0 ? [] : await RubricKeysAsync(inScoring, ct);
        var rubric = rubricKeys.Count == 0 ? null : (await db.Set<RubricRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == rubricKeys[0], ct))?.Definition;
        var heaviest = rubric?.Heaviest?.Key ?? "";
        var ids = inScoring.Select(i => i.SubjectId).ToArray();
        var sheets = await db.Database.SqlQuery<SheetRow>($"""
            SELECT application_id AS "ApplicationId", state AS "State", total AS "Total", scores -> {heaviest} ->> 'score' AS "Heaviest"
            FROM expert_assignments WHERE application_id = ANY({ids}) AND state <> 'Declined'
            """).ToListAsync(ct);
        var byApplication = sheets.GroupBy(a => a.ApplicationId).ToDictionary(g => g.Key, g => g.ToList());
        var entries = inScoring.Select(i => new RankingEntry(i.SubjectId, i.OrganisationName, i.SubmittedAt,
            byApplication.GetValueOrDefault(i.SubjectId, []).Where(a => a.State == nameof(AssignmentState.Submitted))
                .Select(a => new SheetScore(a.Total ?? 0, Number(a.Heaviest))).ToList())).ToList();
        var pending = inScoring.Select(i => (i.SubjectId, i.OrganisationName,
                byApplication.GetValueOrDefault(i.SubjectId, []).Count(a => a.State == nameof(AssignmentState.Submitted)),
                byApplication.GetValueOrDefault(i.SubjectId, []).Count))
            .Where(p => p.Item3 < p.Item4 || p.Item4 == 0).ToList();
        return (Ranking.Rank(entries, trimFrom), pending);
    }

    /// <summary>
    /// The province's decision on a ranked round, by rank (the first <paramref name="top"/>) or by threshold (a score of at
    /// least <paramref name="threshold"/>): each ranked application in scoring takes the chain's action out of the scoring
    /// state that leads on (selected), or the one that leads to a rejection (not selected) with the reason and its rank.
    /// Applications whose experts have not all submitted are left until they have (or for a decision one by one).
    /// </summary>
    public async Task<Outcome<(int Selected, int NotSelected)>> DecideAsync(
        string roundKey, int? top, decimal? threshold, string? reason, WorkflowActor actor, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if ((top is null) == (threshold is null) || top is < 1 || threshold is < 0)
        {
            return Outcome<(int, int)>.Fail("Mode", "请按名次（前N名）或按分数线（不低于X分）二选一作出决定");
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            return Outcome<(int, int)>.Fail("Reason", "请填写未入选的理由（不超过2000字），将告知未入选单位");
        }

        var (ranked, pending) = await RankingAsync(roundKey, actor, ct);
        var incomplete = pending.Select(p => p.Id).ToHashSet();
        var (selected, notSelected, errors) = (0, 0, new FieldErrors());
        foreach (var entry in ranked.Where(r => !incomplete.Contains(r.ApplicationId)))
        {
            db.ChangeTracker.Clear();
            if (await applications.FindForStaffAsync(entry.ApplicationId, actor, ct, withFiles: false) is not { } view || view.State.Scoring is null)
            {
                continue;
            }

            var chosen = top is { } n ? entry.Rank <= n : entry.Score >= threshold!.Value;
            var available = WorkflowEngine.Available(view.Workflow, view.Instance, actor);
            var action = available.FirstOrDefault(a => (view.Workflow.State(a.To)!.Phase == WorkflowPhase.Rejected) != chosen);
            if (action is null)
            {
                errors.Add("", $"“{entry.Organisation}”：您无权作出该决定");
                continue;
            }

            var note = $"专家评审得分 {entry.Score:0.00}，排名第{entry.Rank}名";
            var inputs = new JsonObject();
            foreach (var input in action.InputList)
            {
                inputs[input.Key] = chosen ? $"{input.Default ?? "按专家评审排名入选"}（{note}）" : $"{reason}（{note}）";
            }

            var outcome = await act.ActAsync(view, action.Key, actor, inputs, ct);
            if (!outcome.Succeeded)
            {
                errors.Add("", $"“{entry.Organisation}”：{outcome.Errors.All[0].Message}");
                continue;
            }

            _ = chosen ? selected++ : notSelected++;
        }

        return errors.Any ? Outcome<(int, int)>.Fail(errors) : Outcome<(int, int)>.Ok((selected, notSelected));
    }

    private sealed record SheetRow(Guid ApplicationId, string State, decimal? Total, string? Heaviest);

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The rubrics of the states the instances are in (normally one per round).</summary>
    private async Task<List<string>> RubricKeysAsync(IEnumerable<WorkflowInstance> instances, CancellationToken ct)
    {
        var keys = new List<string>();
        foreach (var version in instances.Select(i => (i.WorkflowKey, i.WorkflowVersion, i.State)).Distinct())
        {
            if ((await workflows.FindAsync(version.WorkflowKey, version.WorkflowVersion, ct))!.Definition.State(version.State)?.Scoring is { } key && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private async Task<ExpertAssignment?> ReplacementAsync(ExpertAssignment declined, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstAsync(i => i.SubjectId == declined.ApplicationId, ct);
        var load = await db.Set<ExpertAssignment>().Where(a => a.State == AssignmentState.Assigned || a.State == AssignmentState.Accepted)
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var next = (await CandidatesAsync(instance, otherCityOnly: false, ct)).OrderBy(e => load.GetValueOrDefault(e.Id)).ThenBy(_ => Random.Shared.Next()).FirstOrDefault();
        if (next is null)
        {
            return null;
        }

        var replacement = new ExpertAssignment
        {
            Id = Guid.CreateVersion7(), ApplicationId = declined.ApplicationId, ExpertId = next.Id, ExpertName = next.Name, Rubric = declined.Rubric,
            State = AssignmentState.Assigned, AssignedAt = clock.GetUtcNow(), AssignedBy = declined.AssignedBy,
        };
        db.Add(replacement);
        return replacement;
    }

    private void Add(ApplicationView view, ExpertCandidate expert, Rubric rubric, WorkflowActor actor)
    {
        db.Add(new ExpertAssignment
        {
            Id = Guid.CreateVersion7(), ApplicationId = view.Application.Id, ExpertId = expert.Id, ExpertName = expert.Name, Rubric = rubric,
            State = AssignmentState.Assigned, AssignedAt = clock.GetUtcNow(), AssignedBy = actor.UserId ?? Guid.Empty,
        });
        audit.Add("expert.assigned", objectType: "application", objectId: view.Application.Id.ToString(),
            details: new JsonObject { ["expert"] = expert.Name, ["rubric"] = rubric.Key }, actorId: actor.UserId, actorName: actor.Name);
    }

    private async Task<Outcome<int>> SaveAsync(int count, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<int>.Ok(count);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Fail("", ConflictMessage);
        }
    }
}
