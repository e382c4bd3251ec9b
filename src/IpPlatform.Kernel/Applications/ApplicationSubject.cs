using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// An application as the subject of its review chain: answers the guards (round open, correction deadline, form valid,
/// eligible, certified, program settings) and keeps the application in step with each move: its status follows the
/// state's phase, a submission is snapshotted, a reviewer's form section is written into the answers.
/// </summary>
internal sealed class ApplicationSubject(
    ApplicationView view, DbContext db, Func<Task<IReadOnlyList<FormProblem>>> problems, Func<Task<IReadOnlyList<EligibilityResult>>> flags,
    IApplicationAwards awards, TimeProvider clock) : IWorkflowSubject
{
    private IReadOnlyList<FormProblem>? found;

    public IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["program"] = view.Program.Name, ["round"] = view.Round.Title, ["organisation"] = view.Instance.OrganisationName,
        ["obligation"] = view.ObligationTitle ?? "",
        ["due"] = view.Application.DueOn?.ToString("yyyy年M月d日") ?? "",
    };

    public string ApplicantLink => $"/applications/{view.Application.Id}";

    public DateOnly? DueOn => view.Application.DueOn;

    public async Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, JsonObject inputs, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (guard)
        {
            case "roundOpen":
                return view.Round.StateAt(now) == RoundState.Open ? null : "该批次已截止，不能再提交";
            case "beforeDeadline":
                return instance.DueAt is { } due && now >= due ? $"补正期限（{instance.Deadline:yyyy年M月d日}）已过，不能再提交" : null;
            case "formValid":
                return (await ProblemsAsync()).Any(p => p.Section is not ("eligibility")) ? "申报书尚有需要补充或修改的内容" : null;
            case "eligible" or "certified":
                return (await ProblemsAsync()).FirstOrDefault(p => p.Section == "eligibility")?.Message;
            case "obligationOpen":
                return view.Obligation?.Ended is { } ended ? ended
                    : view.Application.OpensOn is { } opens && Time.BeijingTime.Today(clock) < opens ? $"尚未到报送时间（{opens:yyyy年M月d日}起可报送）" : null;
            case "scorePasses" or "scoreFails":
                return await awards.ScoreRefusalAsync(view, view.Settings, passing: guard == "scorePasses", ct);
            case "flagsAccepted":
                var below = await flags();
                return below.Count == 0 || inputs[FlagsAcceptedInput]?.ToString() is { Length: > 0 } ? null
                    : $"申报数据低于下限：{string.Join("；", below.Select(f => f.Message))}。如同意适当放宽数量限制，请在“放宽数量限制的理由”中写明理由";
            default:
                var name = guard[WorkflowRoles.SettingGuardPrefix.Length..];
                return view.Settings[name] is JsonValue v && v.TryGetValue(out bool on) && on ? null : $"该项目的设置“{name}”未开启，不能执行此操作";
        }
    }

    public async Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct)
    {
        var application = view.Application;
        var now = clock.GetUtcNow();
        // A filing: out of the applicant's hands (a draft or a returned one) into review — by the applicant, or by the
        // authority that files an obligation itself (seed 000's city).
        var filed = application.Editable && to.Phase == WorkflowPhase.Review && (action.ByApplicant || application.IsObligation);
        var status = to.Phase switch
        {
            WorkflowPhase.Draft => ApplicationStatus.Draft,
            WorkflowPhase.Returned => ApplicationStatus.Returned,
            WorkflowPhase.Approved => ApplicationStatus.Approved,
            WorkflowPhase.Rejected => ApplicationStatus.Rejected,
            WorkflowPhase.Closed => ApplicationStatus.Closed,
            _ => ApplicationStatus.Submitted,
        };

        // The application row changes only when the move changes it (a deadline extension, say, leaves it alone).
        if (application.Status != status)
        {
            (application.Status, application.UpdatedAt) = (status, now);
        }

        foreach (var input in action.InputList.Where(i => i.Kind == WorkflowInputKind.Section && inputs[i.Key] is JsonObject))
        {
            application.Answers[input.Section!] = inputs[input.Key]!.DeepClone();
            application.UpdatedAt = now;
        }

        // An application entering an approved phase wins its award; a decision on an obligation has its consequences for the award.
        if (to.Phase == WorkflowPhase.Approved && !application.IsObligation)
        {
            await awards.GrantAsync(view, inputs, actor, ct);
        }
        else if (application.IsObligation)
        {
            await awards.EffectsAsync(view, action, inputs, actor, ct);
        }

        if (!filed)
        {
            return null;
        }

        // A filing by an authority (seed 000's city) is acted on from the review page, which loads no attachment list.
        var files = view.AttachedFiles ?? await db.Set<ApplicationFile>().AsNoTracking().Where(f => f.ApplicationId == application.Id).ToListAsync(ct);
        application.Submissions++;
        application.SubmittedAt = now;
        var submission = new ApplicationSubmission
        {
            Id = Guid.CreateVersion7(), ApplicationId = application.Id, Number = application.Submissions, Answers = action.ByApplicant ? ApplicationChecks.ApplicableAnswers(view) : (JsonObject)application.Answers.DeepClone(),   // an authority files its own sections
            Declarations = [.. application.Declarations],
            Files = new JsonObject(files.Select(f => KeyValuePair.Create(f.Slot, (JsonNode?)new JsonObject
            {
                ["file"] = f.FileId.ToString(), ["name"] = f.FileName, ["sha256"] = f.Sha256,
            }))),
            SubmittedAt = now, SubmittedBy = actor.UserId ?? Guid.Empty,
        };
        db.Add(submission);

        // The history entry carries the snapshot's hash: changing a stored submission breaks the chain's evidence.
        return new JsonObject
        {
            [SubmissionFact] = submission.Number, [SnapshotFact] = submission.SnapshotHash(),
        };
    }

    /// <summary>The input in which reviewers give their reason for accepting a flagged figure (guard <c>flagsAccepted</c>).</summary>
    public const string FlagsAcceptedInput = "relaxation";

    public const string SubmissionFact = "submission";
    public const string SnapshotFact = "snapshotSha256";

    private async Task<IReadOnlyList<FormProblem>> ProblemsAsync() => found ??= await problems();
}
