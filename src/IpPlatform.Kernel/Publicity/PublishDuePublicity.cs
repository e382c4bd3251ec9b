using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

/// <summary>
/// Publishes the result of each 公示 (公示结果公布) whose period has ended with no objection open: a notice of the running
/// authority naming the organisations still listed, and each of their applications moves on by its chain's
/// publicityPassed action. Run by the timer job.
/// </summary>
public sealed class PublishDuePublicity(
    DbContext db, PublicityViews views, ApplyPublicityTrigger moves, CreateContent create, PublishContent publish, AuthorityNames agencies, NotificationMailer mailer,
    Caching.PublicPageCache publicPages, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Publishes every 公示 whose last day has passed with no open objection: the result notice (its organisations) is
    /// published under the running authority, and each organisation still on the list moves on. Run by the timer job.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken ct = default)
    {
        var today = BeijingTime.Today(clock);
        var due = await db.Set<PublicNotice>().Where(p => p.State == PublicityState.Open && p.EndDate < today
            && !db.Set<Objection>().Any(o => o.PublicNoticeId == p.Id && o.State == ObjectionState.Open)).Select(p => p.Id).ToListAsync(ct);
        var published = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            published += await PublishAsync(id, ct) ? 1 : 0;
        }

        return published;
    }

    private async Task<bool> PublishAsync(Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notice = await views.LockAsync(id, ct);
        if (notice.State != PublicityState.Open || await db.Set<Objection>().AnyAsync(o => o.PublicNoticeId == id && o.State == ObjectionState.Open, ct))
        {
            return false;   // an objection arrived at the last moment: it is handled first
        }

        var entries = await db.Set<PublicNoticeEntry>().Where(e => e.PublicNoticeId == id && !e.Withdrawn).OrderBy(e => e.Position).ToListAsync(ct);
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == notice.ProgramId, ct);
        var agency = (await agencies.GetAsync(ct)).GetValueOrDefault(notice.OwnerAuthority, notice.OwnerAuthority);
        var body = new StringBuilder($"经公示（{notice.StartDate:yyyy年M月d日}至{notice.EndDate:yyyy年M月d日}），以下单位无异议或异议不成立，现予公布：\n\n");
        foreach (var (entry, index) in entries.Select((e, i) => (e, i + 1)))
        {
            body.Append(index).Append(". ").Append(entry.OrganisationName).Append('\n');
        }

        var actor = new ContentActor(null, "系统");
        var created = await create.CreateAsync("Notice", notice.OwnerAuthority, new JsonObject
        {
            ["title"] = $"{notice.Title.Replace("公示", "", StringComparison.Ordinal)}结果公布", ["issuer"] = agency,
            ["year"] = BeijingTime.Today(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["program"] = program.Slug, ["body"] = body.ToString(),
        }, actor, ct: ct);
        if (!created.Succeeded || !(await publish.PublishAsync(created.Value!.Id, null, actor, ct)).Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        (notice.State, notice.PublishedAt, notice.ResultNoticeId) = (PublicityState.Published, clock.GetUtcNow(), created.Value!.Id);
        audit.Add("publicity.published", objectType: "publicity", objectId: id.ToString(), details: new JsonObject { ["notice"] = created.Value.Id.ToString(), ["count"] = entries.Count });
        await db.SaveChangesAsync(ct);
        foreach (var entry in entries)
        {
            if (!await moves.MoveAsync(entry.ApplicationId, WorkflowRoles.PublicityPassedTrigger, ct))
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
        }

        await transaction.CommitAsync(ct);
        mailer.Poke();
        await publicPages.InvalidateAsync();
        return true;
    }
}
