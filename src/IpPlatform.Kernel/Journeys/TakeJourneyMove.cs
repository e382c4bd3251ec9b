using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Publicity;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Reviews;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Journeys;

/// <summary>
/// Takes one move of a journey through the use case a person's page would call (as that person), in the given scope;
/// returns why it was refused, or null when it was done.
/// </summary>
internal sealed class TakeJourneyMove(IServiceProvider services, JourneysModel model, RecipeSource? source)
{
    private readonly DbContext db = services.GetRequiredService<DbContext>();

    public async Task<string?> TakeAsync(Journey journey, JourneyMove move, CancellationToken ct)
    {
        var actors = services.GetRequiredService<IAccountActors>();
        if (await actors.FindByEmailAsync(move.By ?? journey.Applicant, ct) is not { } actor)
        {
            return $"账户“{move.By ?? journey.Applicant}”不存在";
        }

        if (move.Do == "start")
        {
            var started = await services.GetRequiredService<StartApplication>().StartAsync(journey.Round, actor.OrganisationId ?? Guid.Empty, actor, ct);
            return Refusal(started.Errors);
        }

        if (await SubjectAsync(journey, move, ct) is not { } id)
        {
            return move.Obligation is null ? "申报尚未开始" : $"称号（资格）尚无“{move.Obligation}”的报送事项";
        }

        if (move.Do is "declare" or "score")
        {
            return await ScoreAsync(id, move, actor, ct);   // an expert sees the application only through the assignment
        }

        if (move.Do == "object")
        {
            return await ObjectAsync(id, move, actor, ct);  // anyone signed in, on what the public 公示 page lists
        }

        if (move.Do == "revoke")
        {
            return await RevokeAsync(id, move, actor, ct);  // the running authority's decision on the award (/staff/awards)
        }

        var applications = services.GetRequiredService<LoadApplication>();
        var view = actor.OrganisationId is { } organisation
            ? await applications.FindAsync(id, organisation, ct: ct)
            : await applications.FindForStaffAsync(id, actor, ct);
        if (view is null)
        {
            return "找不到该申报，或不在其权限范围内";
        }

        return move.Do switch
        {
            "save" => Refusal((await services.GetRequiredService<SaveDraft>().SaveDraftAsync(
                view, Answers(move), move.Declarations ?? view.Application.Declarations, ct)).Errors),
            "attach" => await AttachAsync(view, move, actor, ct),
            "submit" => await SubmitAsync(view, actor, ct),
            "act" => await ActAsync(view, move, actor, ct),
            "assignExperts" => await AssignAsync(view, move, actors, actor, ct),
            "publicize" => await PublicizeAsync(journey, view, move, actor, ct),
            _ => $"不认识的动作“{move.Do}”",
        };
    }

    /// <summary>The journey's application (its round, the applicant's organisation) or the latest filing of the obligation.</summary>
    private async Task<Guid?> SubjectAsync(Journey journey, JourneyMove move, CancellationToken ct)
    {
        var applicant = await services.GetRequiredService<IAccountActors>().FindByEmailAsync(journey.Applicant, ct);
        var application = await (
            from a in db.Set<Application>()
            join r in db.Set<Round>() on a.RoundId equals r.Id
            where r.Key == journey.Round && a.OrganisationId == applicant!.OrganisationId && a.Kind == ApplicationKind.Application
            select (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (move.Obligation is null || application is null)
        {
            return application;
        }

        // Of the occurrences an award schedules at once (each year's report), the one opened last by the move's date.
        var today = Time.BeijingTime.Today(services.GetRequiredService<TimeProvider>());
        return await (
            from w in db.Set<Award>()
            join f in db.Set<Application>() on w.Id equals f.AwardId
            where w.ApplicationId == application && f.ObligationKey == move.Obligation && (f.OpensOn == null || f.OpensOn <= today)
            orderby f.OpensOn descending, f.CreatedAt descending
            select (Guid?)f.Id).FirstOrDefaultAsync(ct);
    }

    private JsonObject Answers(JourneyMove move)
    {
        var answers = move.AnswerSet is { } set ? model.AnswerSets![set].DeepClone().AsObject() : [];
        foreach (var (section, values) in move.Answers ?? [])
        {
            if (values is JsonObject fields && answers[section] is JsonObject existing)
            {
                foreach (var (field, value) in fields)
                {
                    existing[field] = value?.DeepClone();
                }
            }
            else
            {
                answers[section] = values?.DeepClone();
            }
        }

        return answers;
    }

    private MemoryStream File(string name) => new(source!.ReadBytes(name)!);

    private async Task<string?> AttachAsync(ApplicationView view, JourneyMove move, WorkflowActor actor, CancellationToken ct)
    {
        foreach (var (slot, file) in move.Files!)
        {
            using var content = File(file);
            var attached = await services.GetRequiredService<AttachFile>().AttachAsync(view, slot, content, file, actor.UserId!.Value, ct);
            if (Refusal(attached.Errors) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async Task<string?> SubmitAsync(ApplicationView view, WorkflowActor actor, CancellationToken ct)
    {
        var submitted = await services.GetRequiredService<SubmitApplication>().SubmitAsync(view, actor, ct);
        return Refusal(submitted.Errors) ?? (submitted.Value is { Count: > 0 } problems ? string.Join("；", problems.Select(p => $"{p.Anchor}：{p.Message}")) : null);
    }

    /// <summary>A reviewer's action with its inputs as the review page binds them: files stored, form sections checked.</summary>
    private async Task<string?> ActAsync(ApplicationView view, JourneyMove move, WorkflowActor actor, CancellationToken ct)
    {
        if (view.Workflow.Action(move.Action!) is not { } action)
        {
            return $"审核流程中没有“{move.Action}”操作";
        }

        var inputs = move.Inputs?.DeepClone().AsObject() ?? [];
        foreach (var input in action.InputList)
        {
            if (input.Kind == WorkflowInputKind.File && move.Files?.GetValueOrDefault(input.Key) is { } file)
            {
                using var content = File(file);
                var stored = await services.GetRequiredService<FileStore>().SaveAsync(content, file, UploadRules.Documents, actor.UserId, ct);
                inputs[input.Key] = new JsonObject { ["file"] = stored.Id.ToString(), ["name"] = stored.FileName, ["sha256"] = stored.Sha256 };
            }
            else if (input.Kind == WorkflowInputKind.Section && inputs[input.Key] is JsonObject filled
                && view.Form.Sections.FirstOrDefault(s => s.Key == input.Section) is { } section
                && FormAnswers.ValidateSection(section, new JsonObject { [section.Key] = filled.DeepClone() }).FirstOrDefault() is { } problem)
            {
                return $"“{input.Label}”：{problem.Message}";
            }
        }

        return Refusal((await services.GetRequiredService<ActOnApplication>().ActAsync(view, action.Key, actor, inputs, ct)).Errors);
    }

    private async Task<string?> AssignAsync(ApplicationView view, JourneyMove move, IAccountActors actors, WorkflowActor actor, CancellationToken ct)
    {
        var experts = new List<Guid>();
        foreach (var email in move.Experts!)
        {
            experts.Add((await actors.FindByEmailAsync(email, ct))?.UserId ?? Guid.Empty);
        }

        return Refusal((await services.GetRequiredService<AssignExperts>().AssignAsync(view, experts, actor, ct)).Errors);
    }

    /// <summary>The expert's own sheet: declared free of conflict ("declare"), then scored and (unless told not to) submitted.</summary>
    private async Task<string?> ScoreAsync(Guid application, JourneyMove move, WorkflowActor expert, CancellationToken ct)
    {
        var assignment = await db.Set<ExpertAssignment>()
            .Where(a => a.ApplicationId == application && a.ExpertId == expert.UserId && a.State != AssignmentState.Declined)
            .OrderByDescending(a => a.AssignedAt).FirstOrDefaultAsync(ct);
        if (assignment is null)
        {
            return "该专家未被分配评审此申报";
        }

        if (move.Do == "declare")
        {
            return Refusal((await services.GetRequiredService<DeclareConflictOfInterest>().DeclareAsync(assignment, false, null, expert, ct)).Errors);
        }

        var sheet = move.Scores!.ToDictionary(s => s.Key, s => (s.Value, ""));
        return Refusal((await services.GetRequiredService<ScoreApplication>().ScoreAsync(assignment, sheet, move.Submit, expert, ct)).Errors);
    }

    private async Task<string?> PublicizeAsync(Journey journey, ApplicationView view, JourneyMove move, WorkflowActor actor, CancellationToken ct)
    {
        var ids = new List<Guid> { view.Application.Id };
        foreach (var other in move.With ?? [])
        {
            var with = model.Journeys.First(j => j.Key == other);
            ids.Add(await SubjectAsync(with, move with { Obligation = null }, ct) ?? Guid.Empty);
        }

        var days = move.WorkingDays ?? await services.GetRequiredService<PublicityViews>().DefaultWorkingDaysAsync(journey.Round, ct);
        var opened = await services.GetRequiredService<OpenPublicity>().CreateAsync(
            journey.Round, ids, move.Title, null, Time.BeijingTime.Today(services.GetRequiredService<TimeProvider>()), days, actor, ct);
        return Refusal(opened.Errors);
    }

    private async Task<string?> ObjectAsync(Guid application, JourneyMove move, WorkflowActor actor, CancellationToken ct)
    {
        var notice = await (
            from e in db.Set<PublicNoticeEntry>()
            join n in db.Set<PublicNotice>() on e.PublicNoticeId equals n.Id
            where e.ApplicationId == application && n.State == PublicityState.Open
            select (Guid?)n.Id).FirstOrDefaultAsync(ct);
        if (notice is null)
        {
            return "该申报不在公示中";
        }

        var o = move.Objection!;
        var raised = await services.GetRequiredService<RaiseObjection>().ObjectAsync(
            notice.Value, new ObjectionInput(application, o.RealName, null, o.Phone, o.Email, o.Text), [], actor.UserId!.Value, ct);
        return Refusal(raised.Errors);
    }

    /// <summary>The award granted on the application revoked on a declared ground (inputs: ground, reason, documentNumber).</summary>
    private async Task<string?> RevokeAsync(Guid application, JourneyMove move, WorkflowActor actor, CancellationToken ct)
    {
        if (await db.Set<Award>().Where(w => w.ApplicationId == application).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct) is not { } award)
        {
            return "该申报尚未获得称号（资格）";
        }

        var input = new RevocationInput((string?)move.Inputs?["ground"], (string?)move.Inputs?["reason"], (string?)move.Inputs?["documentNumber"]);
        return Refusal((await services.GetRequiredService<RevokeAwardByDecision>().RunAsync(award, input, actor, ct)).Errors);
    }

    private static string? Refusal(FieldErrors errors) =>
        errors.Any ? string.Join("；", errors.All.Select(e => e.Field.Length > 0 ? $"{e.Field}：{e.Message}" : e.Message)) : null;
}
