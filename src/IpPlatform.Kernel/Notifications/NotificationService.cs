using IpPlatform.Kernel.Mail;
using IpPlatform.Kernel.Organisations;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Notifications;

/// <summary>Absolute links for mail, from the platform's configured public address (never the request's Host).</summary>
public interface IAbsoluteLinks
{
    string Absolute(string pathAndQuery);
}

/// <summary>
/// The organisations' inboxes. <see cref="Add"/> stages a message in the caller's unit of work (it commits with the
/// decision); <see cref="MailPendingAsync"/> (run by <see cref="NotificationMailer"/>) then hands each unmailed message
/// to the mail queue once, for every active member; a message whose hand-over fails is released for the next sweep.
/// </summary>
public sealed class NotificationService(DbContext db, IApplicantDirectory applicants, IMailSender mail, IAbsoluteLinks links, Site.SiteInfo site, TimeProvider clock)
{
    public const int PageSize = 20;

    public Notification Add(Guid organisationId, string subject, string body, string? link)
    {
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(), OrganisationId = organisationId, Subject = Clip(subject, 200), Body = Clip(body, 4000), Link = link,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(notification);
        return notification;
    }

    public async Task<int> MailPendingAsync(CancellationToken ct = default)
    {
        var pending = await db.Set<Notification>().AsNoTracking().Where(n => n.MailedAt == null).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(ct);
        var sent = 0;
        var from = (await site.GetAsync(ct)).Name;
        foreach (var notification in pending)
        {
            // Claimed with one conditional update, so two instances of the platform never mail the same message twice.
            var claimed = await db.Set<Notification>().Where(n => n.Id == notification.Id && n.MailedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, clock.GetUtcNow()), ct);
            if (claimed == 0)
            {
                continue;
            }

            var body = notification.Body + (notification.Link is { } link ? $"\n\n请登录平台查看：{Absolute(link)}" : "")
                + $"\n\n（本邮件由{from}自动发送，请勿直接回复。）";
            try
            {
                foreach (var to in await applicants.MemberEmailsAsync(notification.OrganisationId, ct))
                {
                    await mail.SendAsync(to, notification.Subject, body, ct);
                }
            }
            catch
            {
                await db.Set<Notification>().Where(n => n.Id == notification.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, (DateTimeOffset?)null), CancellationToken.None);
                throw;
            }

            sent++;
        }

        return sent;
    }

    public async Task<(IReadOnlyList<Notification> Items, int Total, int Unread)> InboxAsync(Guid organisationId, int page, CancellationToken ct = default)
    {
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.OrganisationId == organisationId);
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (items, total, unread);
    }

    public Task<int> UnreadAsync(Guid organisationId, CancellationToken ct = default) =>
        db.Set<Notification>().CountAsync(n => n.OrganisationId == organisationId && n.ReadAt == null, ct);

    public Task<int> MarkAllReadAsync(Guid organisationId, CancellationToken ct = default) =>
        db.Set<Notification>().Where(n => n.OrganisationId == organisationId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);

    private string Absolute(string link)
    {
        try
        {
            return links.Absolute(link);
        }
        catch (InvalidOperationException)
        {
            return link;   // development without a public address, outside a request
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
