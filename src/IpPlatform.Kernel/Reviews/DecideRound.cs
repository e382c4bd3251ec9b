using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// The province's decision on a ranked round (按排名或分数线确定入选名单), by rank (the first <c>top</c>) or by threshold
/// (a score of at least <c>threshold</c>): each ranked application in scoring takes the chain's action out of the
/// scoring state that leads on (selected, 入选), or the one that leads to a rejection (not selected, 未入选) with the reason
/// and its rank.
/// </summary>
public sealed class DecideRound(DbContext db, RankRound ranking, LoadApplication applications, ActOnApplication act)
{
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

        var (ranked, pending) = await ranking.RankingAsync(roundKey, actor, ct);
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
}
