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
