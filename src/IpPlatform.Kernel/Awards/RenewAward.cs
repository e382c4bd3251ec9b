using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Extends an award by another period of its declared length (seed 002 art. 16: 期满复审合格的，延续三年), from the day after
/// its current end, and opens the obligations of the new period. Staged in the caller's unit of work.
/// </summary>
public sealed class RenewAward(GrantAward grants, NotificationService notifications, AuditLog audit, TimeProvider clock, Microsoft.EntityFrameworkCore.DbContext db)
{
    public async Task<Outcome<Award>> StageAsync(Award award, AwardDeclaration declaration, JsonObject settings, WorkflowActor actor, string? authority, CancellationToken ct)
    {
        if (!award.Status.IsActive())
        {
            return Outcome<Award>.Fail("", $"该称号（资格）{award.Status.ToChinese()}，不能续期");
        }

        var start = award.EndDate.AddDays(1);
        var previousEnd = award.EndDate;
        (award.EndDate, award.Status) = (GrantAward.End(declaration.Period, start, settings), AwardStatus.Renewed);
        award.Renewals++;
        db.Add(AwardEvent.Next(award, actor, authority, "renewed", $"续期至{award.EndDate:yyyy年M月d日}", new JsonObject
        {
            ["previousEnd"] = previousEnd.ToString("yyyy-MM-dd"), ["endDate"] = award.EndDate.ToString("yyyy-MM-dd"), ["renewals"] = award.Renewals,
        }, clock.GetUtcNow()));
        await grants.OpenScheduledAsync(award, declaration, settings, actor, ct, from: start);
        notifications.Add(award.OrganisationId, $"“{award.Title}”已续期", $"贵单位的“{award.Title}”经复审合格，{award.PeriodLabel}延续至{award.EndDate:yyyy年M月d日}。", "/org");
        audit.Add("award.renewed", objectType: "award", objectId: award.Id.ToString(), actorId: actor.UserId, actorName: actor.Name,
            details: new JsonObject { ["endDate"] = award.EndDate.ToString("yyyy-MM-dd") });
        return Outcome<Award>.Ok(award);
    }
}
