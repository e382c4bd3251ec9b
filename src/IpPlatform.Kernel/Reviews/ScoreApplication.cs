using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// An expert's score sheet (评分表) for an application: scores bounded by the rubric on the server, saved as drafts,
/// locked on submission (提交评分); audited.
/// </summary>
public sealed class ScoreApplication(DbContext db, ExpertAssignments assignments, AuditLog audit, TimeProvider clock)
{
    /// <summary>Saves the sheet as typed (draft) or, with <paramref name="submit"/>, checks every item and locks it.</summary>
    public async Task<Outcome<ExpertAssignment>> ScoreAsync(
        ExpertAssignment assignment, IReadOnlyDictionary<string, (string Score, string Comment)> sheet, bool submit, WorkflowActor expert, CancellationToken ct = default)
    {
        if (assignment.State != AssignmentState.Accepted)
        {
            return Outcome<ExpertAssignment>.Fail("", assignment.State == AssignmentState.Submitted ? "评分表已提交，不能再修改" : "请先作出利益冲突声明");
        }

        if (await assignments.ClosedAsync(assignment, ct) is { } closed)
        {
            return Outcome<ExpertAssignment>.Fail("", closed);
        }

        var errors = new FieldErrors();
        var scores = new JsonObject();
        decimal total = 0;
        foreach (var item in assignment.Rubric.Items)
        {
            var (text, comment) = sheet.TryGetValue(item.Key, out var given) ? (given.Score.Trim(), given.Comment.Trim()) : ("", "");
            scores[item.Key] = new JsonObject { ["score"] = text, ["comment"] = comment.Length > ExpertAssignments.MaxComment ? comment[..ExpertAssignments.MaxComment] : comment };
            if (comment.Length > ExpertAssignments.MaxComment)
            {
                errors.Add(item.Key, $"“{item.Label}”的评语不能超过{ExpertAssignments.MaxComment}字");
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

        var saved = await assignments.SaveAsync(1, ct);
        return !saved.Succeeded ? Outcome<ExpertAssignment>.Fail(saved.Errors)
            : errors.Any ? Outcome<ExpertAssignment>.Fail(errors)
            : Outcome<ExpertAssignment>.Ok(assignment);
    }
}
