using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

public sealed record TerminationInput(string? Ground, string? Reason);

/// <summary>
/// Ends an award without a sanction by a decision of the authority running its program, on a ground its module
/// declares (seed 002 art. 7: an outlet that becomes a TISC or a 高校国家知识产权信息服务中心 leaves the filing).
/// </summary>
public sealed class TerminateAward(DbContext db, AwardDeclarations declarations, EndAward endings, PublicPageCache publicPages, Notifications.NotificationMailer mailer)
{
    public async Task<Outcome<Award>> RunAsync(Guid awardId, TerminationInput input, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await db.DecidedByAsync(awardId, actor, ct) is not ({ } award, { } moduleId))
        {
            return Outcome<Award>.Fail("", AwardScope.NotDecidedHere);
        }

        if ((await declarations.FindAsync(moduleId, ct))?.TerminationList.FirstOrDefault(g => g.Key == input.Ground && !g.Chain) is not { } ground)
        {
            return Outcome<Award>.Fail("Ground", "请选择终止的依据");
        }

        var reason = input.Reason?.Trim() is { Length: > 0 } given ? $"{ground.Label}：{given}" : ground.Label;
        if (reason.Length > 2000)
        {
            return Outcome<Award>.Fail("Reason", "“说明”不超过2000字");
        }

        var ended = endings.Stage(award, AwardStatus.Terminated, reason, actor, actor.Grants.FirstOrDefault(g => g.Authority == award.OwnerAuthority)?.Authority);
        if (!ended.Succeeded)
        {
            return ended;
        }

        var saved = await db.SaveOrConflictAsync(award, "该称号刚被他人修改过，请刷新页面后再操作", ct);
        if (saved.Succeeded)
        {
            mailer.Poke();
            await publicPages.InvalidateAsync();
        }

        return saved;
    }
}
