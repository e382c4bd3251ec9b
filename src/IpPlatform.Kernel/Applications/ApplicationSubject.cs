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
    ApplicationView view, DbContext db, Func<Task<IReadOnlyList<FormProblem>>> problems, Func<string, bool?> setting, TimeProvider clock) : IWorkflowSubject
{
    private IReadOnlyList<FormProblem>? found;

    public IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["program"] = view.Program.Name, ["round"] = view.Round.Title, ["organisation"] = view.Instance.OrganisationName,
    };

    public string ApplicantLink => $"/applications/{view.Application.Id}";

    public async Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, CancellationToken ct)
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
            default:
                var name = guard[WorkflowRoles.SettingGuardPrefix.Length..];
                return setting(name) == true ? null : $"该项目的设置“{name}”未开启，不能执行此操作";
        }
    }

    public Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct)
    {
        var application = view.Application;
        var now = clock.GetUtcNow();
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

        if (!action.ByApplicant || to.Phase != WorkflowPhase.Review)
        {
            return Task.FromResult<JsonObject?>(null);
        }

        application.Submissions++;
        application.SubmittedAt = now;
        var submission = new ApplicationSubmission
        {
            Id = Guid.CreateVersion7(), ApplicationId = application.Id, Number = application.Submissions, Answers = ApplicationService.ApplicableAnswers(view),
            Declarations = [.. application.Declarations],
            Files = new JsonObject(view.Files.Select(f => KeyValuePair.Create(f.Slot, (JsonNode?)new JsonObject
            {
                ["file"] = f.FileId.ToString(), ["name"] = f.FileName, ["sha256"] = f.Sha256,
            }))),
            SubmittedAt = now, SubmittedBy = actor.UserId!.Value,
        };
        db.Add(submission);

        // The history entry carries the snapshot's hash: changing a stored submission breaks the chain's evidence.
        return Task.FromResult<JsonObject?>(new JsonObject
        {
            [SubmissionFact] = submission.Number, [SnapshotFact] = submission.SnapshotHash(),
        });
    }

    public const string SubmissionFact = "submission";
    public const string SnapshotFact = "snapshotSha256";

    private async Task<IReadOnlyList<FormProblem>> ProblemsAsync() => found ??= await problems();
}
