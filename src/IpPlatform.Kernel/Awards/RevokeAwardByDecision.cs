using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>The running authority's decision to revoke an award: the ground (one its module declares), the facts and reasons, the document.</summary>
public sealed record RevocationInput(string? Ground, string? Reason, string? DocumentNumber);

/// <summary>
/// Revokes an award by a decision of the authority running its program, on a declared ground (seed 001 art. 20, seed
/// 002 art. 19: false materials — revoked, 通报, no filing for three years), with everything the ground says follows
/// (<see cref="RevokeAward"/>). What the award still owes and has not filed is closed by the next timer pass.
/// </summary>
public sealed class RevokeAwardByDecision(DbContext db, AwardDeclarations declarations, RevokeAward revocations, PublicPageCache publicPages, Notifications.NotificationMailer mailer)
{
    public async Task<Outcome<Award>> RunAsync(Guid awardId, RevocationInput input, WorkflowActor actor, CancellationToken ct = default)
    {
        if (await db.DecidedByAsync(awardId, actor, ct) is not ({ } award, { } moduleId))
        {
            return Outcome<Award>.Fail("", AwardScope.NotDecidedHere);
        }

        var ground = (await declarations.FindAsync(moduleId, ct))?.RevocationList.FirstOrDefault(g => g.Key == input.Ground && !g.Chain);
        if (ground is null)
        {
            return Outcome<Award>.Fail("Ground", "请选择撤销的依据");
        }

        if (input.Reason?.Trim() is { Length: > 2000 })
        {
            return Outcome<Award>.Fail("Reason", "“事实和理由”不超过2000字");
        }

        if (input.DocumentNumber?.Trim() is { Length: > RecordAwardDocument.MaxNumberLength })
        {
            return Outcome<Award>.Fail("DocumentNumber", $"“文号”不超过{RecordAwardDocument.MaxNumberLength}个字符");
        }

        var authority = actor.Grants.FirstOrDefault(g => g.Authority == award.OwnerAuthority)?.Authority;
        var staged = await revocations.StageAsync(award, ground, input.Reason ?? "", input.DocumentNumber, actor, authority, ct);
        if (!staged.Succeeded)
        {
            db.ChangeTracker.Clear();
            return staged;
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
