using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Ends an award without a sanction: 已到期 when its period has run out, 已结项 when a funded project's final assessment
/// passed (seed 003), or 已终止 at the awardee's request or on a ground its module declares (seed 002 art. 7: an outlet
/// that becomes a TISC leaves the filing). Staged in the caller's unit
/// of work; the obligations not yet filed are closed by the timer job's next pass.
/// </summary>
public sealed class EndAward(NotificationService notifications, AuditLog audit, TimeProvider clock, Microsoft.EntityFrameworkCore.DbContext db)
{
    public Outcome<Award> Stage(Award award, AwardStatus status, string reason, WorkflowActor actor, string? authority)
    {
        if (!AwardStatusNames.Endings.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "only Expired, Terminated or Completed end an award without a sanction");
        }

        if (!award.Status.IsActive())
        {
            return Outcome<Award>.Fail("", $"该称号（资格）{award.Status.ToChinese()}");
        }

        (award.Status, award.EndReason) = (status, TextLimit.Clip(reason, 2000));
        var kind = status.ToString().ToLowerInvariant();
        var (eventText, notice) = status switch
        {
            AwardStatus.Expired => ($"{award.PeriodLabel}届满，已到期", $"贵单位的“{award.Title}”{award.PeriodLabel}已于{award.EndDate:yyyy年M月d日}届满。"),
            AwardStatus.Completed => ($"已结项：{reason}", $"贵单位的“{award.Title}”已结项。{reason}"),
            _ => ($"终止：{reason}", $"贵单位的“{award.Title}”已终止。理由：{reason}"),
        };
        db.Add(AwardEvent.Next(award, actor, authority, kind, eventText, new JsonObject { ["reason"] = reason }, clock.GetUtcNow()));
        notifications.Add(award.OrganisationId, $"“{award.Title}”{status.ToChinese()}", notice, "/org");
        audit.Add($"award.{kind}", objectType: "award", objectId: award.Id.ToString(),
            actorId: actor.UserId, actorName: actor.Name, details: new JsonObject { ["reason"] = reason });
        return Outcome<Award>.Ok(award);
    }
}
