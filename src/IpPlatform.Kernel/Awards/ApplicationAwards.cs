using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Reviews;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// What a move of an application's or an obligation's chain means for awards, for the subject of that chain: an approval
/// grants the award; a decision on an obligation has its effects; a scored check passes or fails on its pass mark. A
/// publication (a revocation notice, a directory change) evicts the public pages once the move has committed.
/// </summary>
public sealed class ApplicationAwards(DbContext db, GrantAward grants, ApplyAwardEffects effects, AwardDeclarations declarations, PublicPageCache publicPages) : IApplicationAwards
{
    private bool _published;

    public async Task GrantAsync(ApplicationView view, JsonObject inputs, WorkflowActor actor, CancellationToken ct)
    {
        if (await grants.StageAsync(view, inputs, actor, ct) is not null && (await declarations.FindAsync(view.Program.ModuleId, ct))?.Directory is not null)
        {
            _published = true;   // a new entry in the public directory
        }
    }

    /// <remarks>Any consequence for an award may change what the public sees of it (its directory entry, a notice), so the pages are evicted.</remarks>
    public async Task EffectsAsync(ApplicationView filing, WorkflowAction action, JsonObject inputs, WorkflowActor actor, CancellationToken ct)
    {
        // The authority the decision is made for is the one of the grant the action was taken under (a reviewer may hold several).
        await effects.StageAsync(filing, action, inputs, actor, actor.GrantFor(action, filing.Instance)?.Authority, ct);
        _published |= action.EffectList.Any(e => AwardEffectKinds.All.Contains(e.Kind));
    }

    /// <summary>Evicts the public pages when a move published something (called after the move committed).</summary>
    public async Task AfterCommitAsync()
    {
        if (_published)
        {
            _published = false;
            await publicPages.InvalidateAsync();
        }
    }

    /// <summary>
    /// Why "scorePasses" (or "scoreFails") does not hold: the experts' mean (trimmed as in the ranking) against the
    /// obligation's pass mark, read from the program's settings; null when it holds.
    /// </summary>
    public async Task<string?> ScoreRefusalAsync(ApplicationView filing, JsonObject settings, bool passing, CancellationToken ct)
    {
        var passMark = filing.Obligation?.PassMark is { } expression ? ValueExpression.Int(expression, settings) : null;
        if (passMark is null)
        {
            return "该事项没有合格分数线";
        }

        var applicationId = filing.Application.Id;
        var assignments = await db.Set<ExpertAssignment>().AsNoTracking()
            .Where(a => a.ApplicationId == applicationId && a.State != AssignmentState.Declined).Select(a => new { a.State, a.Total }).ToListAsync(ct);
        var totals = assignments.Where(a => a.State == AssignmentState.Submitted && a.Total != null).Select(a => a.Total!.Value).ToList();
        if (totals.Count == 0)
        {
            return "尚无专家提交评分";
        }

        // A decision on part of the panel's scores would skip the trimming rule and the experts still scoring.
        if (assignments.Count > totals.Count)
        {
            return $"还有{assignments.Count - totals.Count}位专家尚未提交评分，全部提交后方可决定";
        }

        var trimFrom = settings["trimScoresFromExperts"] is JsonValue v && v.TryGetValue(out int n) ? n : 5;
        var (score, _) = Ranking.Score(totals, trimFrom);
        return passing == score >= passMark.Value ? null
            : passing ? $"专家评分均值为 {score:0.##} 分，低于合格分数线 {passMark} 分" : $"专家评分均值为 {score:0.##} 分，已达到合格分数线 {passMark} 分";
    }
}
