using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Revokes an award on one of the grounds its module declares (seed 004 验收考核 failed twice; seed 001 art. 20; seed 002
/// art. 18 and 19): the status, the reason and document on record, and what the ground says follows — a ban from the
/// module for N years, a claw-back of funds computed by the module's own rule (the computation kept and shown to both
/// sides), a credit record, and a 公告 or 通报 published as a notice of the running authority. Staged in the caller's unit
/// of work, so the decision and all it causes commit together; the caller evicts the public pages after a publication.
/// </summary>
public sealed class RevokeAward(
    DbContext db, ModuleCatalog modules, IEnumerable<IAwardRules> rules, StagePublishedContent publishNotice, AuthorityNames agencies,
    NotificationService notifications, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Award>> StageAsync(
        Award award, AwardEnding ground, string reason, string? documentNumber, WorkflowActor actor, string? authority, CancellationToken ct = default)
    {
        if (!award.Status.IsActive())
        {
            return Outcome<Award>.Fail("", $"该称号（资格）{award.Status.ToChinese()}，不能再撤销");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<Award>.Fail("reason", "请填写撤销的事实和理由");
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == award.ProgramId, ct);
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var today = BeijingTime.Today(clock);
        var now = clock.GetUtcNow();
        // The award keeps the document that granted it; the revocation's own number is in its reason, event and notice.
        documentNumber = documentNumber?.Trim() is { Length: > 0 } number ? number : null;
        (award.Status, award.EndReason) = (AwardStatus.Revoked,
            TextLimit.Clip($"{ground.Label}{(documentNumber is null ? "" : $"（{documentNumber}）")}：{reason.Trim()}", 2000));
        var details = new JsonObject { ["ground"] = ground.Key, ["reason"] = reason.Trim(), ["documentNumber"] = documentNumber };

        if (ValueExpression.Int(ground.BanYears, settings) is > 0 and var years)
        {
            var ban = new Ban
            {
                Id = Guid.CreateVersion7(), OrganisationId = award.OrganisationId, ModuleId = program.ModuleId, AwardId = award.Id,
                Reason = $"{award.Title}被撤销（{ground.Label}）", DocumentNumber = documentNumber, StartsOn = today, EndsOn = today.AddYears(years).AddDays(-1),
                Authority = authority ?? award.OwnerAuthority, CreatedAt = now, CreatedBy = actor.Name,
            };
            db.Add(ban);
            details["banUntil"] = ban.EndsOn.ToString("yyyy-MM-dd");
        }

        if (ground.Clawback && rules.FirstOrDefault(r => r.ModuleId == program.ModuleId) is { } moduleRules
            && moduleRules.Clawback(new AwardFacts(award, settings, await LatestFilingsAsync(award.Id, ct))) is { } clawback)
        {
            (award.FundsClawedBack, award.ClawbackComputation) = (clawback.Amount, clawback.Computation);
            details["clawback"] = clawback.Amount;
            details["computation"] = clawback.Computation;
        }

        if (ground.Credit is { } credit)
        {
            db.Add(new CreditRecord
            {
                Id = Guid.CreateVersion7(), OrganisationId = award.OrganisationId, ModuleId = program.ModuleId, ProgramId = program.Id, AwardId = award.Id,
                Stage = award.PeriodKind == "construction" ? "建设" : "运行", Text = TextLimit.Clip($"{credit}（{reason.Trim()}）", 2000), Authority = authority ?? award.OwnerAuthority,
                RecordedAt = now, RecordedBy = actor.Name,
            });
        }

        if (ground.Publish is { } kind)
        {
            var agency = (await agencies.GetAsync(ct)).GetValueOrDefault(award.OwnerAuthority, award.OwnerAuthority);
            var title = kind == "公告" ? $"关于撤销{award.OrganisationName}“{award.Title}”称号的公告" : $"关于撤销{award.OrganisationName}{award.Title}资格的通报";
            var published = await publishNotice.StageAsync("Notice", award.OwnerAuthority, new JsonObject
            {
                ["title"] = title.Length > 200 ? title[..200] : title, ["documentNumber"] = documentNumber ?? "", ["issuer"] = agency,
                ["date"] = today.ToString("yyyy-MM-dd"), ["year"] = today.Year.ToString(CultureInfo.InvariantCulture), ["program"] = program.Slug,
                ["body"] = Announcement(award, ground, reason.Trim(), details, agency, today),
            }, new ContentActor(actor.UserId, actor.Name), ct);
            if (!published.Succeeded)
            {
                return Outcome<Award>.Fail(published.Errors);
            }

            details["notice"] = published.Value!.Id.ToString();
        }

        db.Add(AwardEvent.Next(award, actor, authority, "revoked", $"撤销：{ground.Label}", details, now));
        notifications.Add(award.OrganisationId, $"“{award.Title}”已被撤销：{program.Name}",
            $"贵单位的“{award.Title}”已被撤销。\n依据：{ground.Label}\n事实和理由：{reason.Trim()}"
            + (details["banUntil"] is { } until ? $"\n{until}前不得申报该项目。" : "")
            + (award.ClawbackComputation is { } c && ground.Clawback ? $"\n收回支持资金：{c}" : ""), "/org");
        audit.Add("award.revoked", objectType: "award", objectId: award.Id.ToString(), actorId: actor.UserId, actorName: actor.Name, details: (JsonObject)details.DeepClone());
        return Outcome<Award>.Ok(award);
    }

    /// <summary>Each obligation's latest submitted answers (what module rules compute from).</summary>
    private async Task<IReadOnlyDictionary<string, JsonObject>> LatestFilingsAsync(Guid awardId, CancellationToken ct)
    {
        var submitted = await (
            from a in db.Set<Application>().AsNoTracking()
            where a.AwardId == awardId && a.ObligationKey != null
            join s in db.Set<ApplicationSubmission>().AsNoTracking() on a.Id equals s.ApplicationId
            select new { a.ObligationKey, s.SubmittedAt, s.Answers }).ToListAsync(ct);
        return submitted.GroupBy(s => s.ObligationKey!).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.SubmittedAt).First().Answers);
    }

    private static string Announcement(Award award, AwardEnding ground, string reason, JsonObject details, string agency, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append(award.OrganisationName).Append(award.CreditCode is { } code ? $"（统一社会信用代码：{code}）" : "")
            .Append("自").Append(award.StartDate.ToString("yyyy年M月d日")).Append("起为“").Append(award.Title).Append("”。\n\n")
            .Append("经查，").Append(reason.TrimEnd('。')).Append("。依据").Append(ground.Label).Append("，决定撤销其“").Append(award.Title).Append("”称号（资格）。");
        if (details["banUntil"] is { } until)
        {
            text.Append("自本决定之日起至").Append(DateOnly.Parse(until.ToString(), CultureInfo.InvariantCulture).ToString("yyyy年M月d日")).Append("，不受理其申报。");
        }

        if (details["clawback"] is not null)
        {
            text.Append("按任务完成情况收回支持资金：").Append(award.ClawbackComputation).Append('。');
        }

        return text.Append("\n\n特此").Append(ground.Publish).Append("。\n\n").Append(agency).Append('\n').Append(today.ToString("yyyy年M月d日")).ToString();
    }
}
