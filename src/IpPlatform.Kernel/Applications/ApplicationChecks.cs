using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// What is checked of an application (申报书) before and as it moves: whether the applicant may still change it (a closed
/// round refuses every change on the server, except to an application returned for correction, which may be changed
/// until its correction deadline), every problem that stops a submission, and the figures below a minimum that
/// reviewers may accept (seed 003). Shared by the use cases that change or move an application, and shown on its pages.
/// </summary>
public sealed class ApplicationChecks(
    DbContext db, IApplicantDirectory applicants, CheckEligibility eligibility, IApplicationAwards awards, TimeProvider clock)
{
    /// <summary>Every problem at once: form fields, required attachments and the answer-based eligibility rules.</summary>
    public async Task<IReadOnlyList<FormProblem>> ProblemsAsync(ApplicationView view, CancellationToken ct = default) =>
        await ProblemsAsync(view, view.Application.IsObligation ? null : await applicants.FindAsync(view.Application.OrganisationId, ct), ct);

    internal async Task<IReadOnlyList<FormProblem>> ProblemsAsync(ApplicationView view, ApplicantProfile? applicant, CancellationToken ct)
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

    /// <summary>Why the applicant cannot change the application (or obligation filing) now; null when it can.</summary>
    public string? CannotChange(ApplicationView view) =>
        view.Obligation?.Ended is { } ended ? ended
        : view.Obligation is { FiledByCity: true } ? "该事项由所在市知识产权局报送"
        : !view.Application.Editable ? (view.Application.IsObligation ? "已报送，不能修改；如被退回补正，可再修改" : "申报书已提交，不能修改；如被退回补正，可再修改")
        : view.Application.Status == ApplicationStatus.Returned
            ? (view.Instance.DueAt is { } due && clock.GetUtcNow() >= due ? $"补正期限（{view.Instance.Deadline:yyyy年M月d日}）已过，不能再修改或提交" : null)
        : view.Application.IsObligation
            ? (view.Application.OpensOn is { } opens && Time.BeijingTime.Today(clock) < opens ? $"尚未到报送时间（{opens:yyyy年M月d日}起可填写）" : null)
        : view.Round.StateAt(clock.GetUtcNow()) != RoundState.Open ? "该批次已截止，不能再修改或提交"
        : null;

    /// <summary>The application as the subject of its review chain, answering the guards with these checks.</summary>
    internal ApplicationSubject Subject(ApplicationView view, Func<Task<IReadOnlyList<FormProblem>>> problems) =>
        new(view, db, problems, () => FlagsAsync(view), awards, clock);

    /// <summary>
    /// The answers of the sections that apply now: a section hidden by a later answer (e.g. 表3 once "no joint applicant"
    /// is chosen) keeps its draft values but neither counts for eligibility nor goes into a submission.
    /// </summary>
    internal static JsonObject ApplicableAnswers(ApplicationView view) =>
        new(view.Sections.Where(s => view.Application.Answers[s.Key] is not null)
            .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)view.Application.Answers[s.Key]!.DeepClone())));
}
