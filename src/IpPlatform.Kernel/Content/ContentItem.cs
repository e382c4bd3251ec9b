using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// A piece of content (a notice, a page). Its versions are immutable rows; the item points at the latest and at most one
/// published version, and carries the published version's title, date and program for fast listings.
/// </summary>
public sealed class ContentItem
{
    public Guid Id { get; set; }

    public required string Type { get; set; }

    /// <summary>The authority whose editors may change the item.</summary>
    public required string OwnerAuthority { get; set; }

    public int LatestVersion { get; set; }

    public int? PublishedVersion { get; set; }

    public string? PublishedTitle { get; set; }

    public DateOnly? PublishedDate { get; set; }

    public string? PublishedProgram { get; set; }

    /// <summary>The key of the round the published notice belongs to.</summary>
    public string? PublishedRound { get; set; }

    /// <summary>The 年度 the published notice belongs to (its "year" field, else its date's year).</summary>
    public int? PublishedYear { get; set; }

    /// <summary>When the item was first published (kept across unpublish/publish).</summary>
    public DateTimeOffset? FirstPublishedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A recipe's stable key for the item (e.g. "notice:high-value-patent:2024"), so re-running it updates.</summary>
    public string? RecipeKey { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>One saved state of an item: a draft until an editor publishes it; never changed afterwards.</summary>
public sealed class ContentVersion
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public JsonObject Body { get; set; } = [];

    public Guid? CreatedBy { get; set; }

    public string? CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the version was made from an older one ("恢复自第3版").</summary>
    public int? RestoredFrom { get; set; }
}

public enum ScheduledAction
{
    Publish,
    Unpublish,
}

public enum ScheduleStatus
{
    Pending,
    Done,
    Cancelled,
}

/// <summary>A publish or unpublish due at a time; carried out once by a Quartz job on the clustered PostgreSQL store.</summary>
public sealed class ContentSchedule
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>For a publish: the version to publish.</summary>
    public int? Version { get; set; }

    public ScheduledAction Action { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public ScheduleStatus Status { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}
