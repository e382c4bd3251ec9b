using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Notifications;

/// <summary>
/// A message in an organisation's in-app inbox (every member sees it), also mailed to its members. Written in the same
/// transaction as the decision it reports; <see cref="MailedAt"/> marks it handed to the mail queue.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>A site-relative link to what the message is about.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? MailedAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Subject).HasMaxLength(200);
        e.Property(x => x.Body).HasMaxLength(4000);
        e.Property(x => x.Link).HasMaxLength(512);
        e.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
        e.HasIndex(x => x.CreatedAt).HasFilter("mailed_at IS NULL");
    }
}
