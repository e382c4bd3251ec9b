using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Publicity;

public enum PublicityState
{
    /// <summary>Listed publicly; objections accepted from the first to the last day.</summary>
    Open,

    /// <summary>Ended without an open objection; the result was published as a notice and the applications moved on.</summary>
    Published,
}

/// <summary>
/// A 公示: the organisations a decision would approve, listed publicly for N working days from a start date (the first
/// day counted), by the authority running the program.
/// </summary>
public sealed class PublicNotice
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RoundId { get; set; }

    public required string OwnerAuthority { get; set; }

    public string? Intro { get; set; }

    public DateOnly StartDate { get; set; }

    public int WorkingDays { get; set; }

    public DateOnly EndDate { get; set; }

    public PublicityState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The notice (content item) that published the result.</summary>
    public Guid? ResultNoticeId { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>One organisation on a 公示 list; an upheld objection withdraws it, with the reason on record.</summary>
public sealed class PublicNoticeEntry
{
    public Guid Id { get; set; }

    public Guid PublicNoticeId { get; set; }

    public Guid ApplicationId { get; set; }

    public required string OrganisationName { get; set; }

    public int Position { get; set; }

    public bool Withdrawn { get; set; }

    public string? WithdrawnReason { get; set; }
}

public enum ObjectionState
{
    Open,
    Upheld,
    Dismissed,
}

/// <summary>An objection in writing, real-name, with contact details and evidence, received within the period.</summary>
public sealed class Objection
{
    public Guid Id { get; set; }

    public Guid PublicNoticeId { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid UserId { get; set; }

    public required string RealName { get; set; }

    public string? OnBehalfOf { get; set; }

    public required string Phone { get; set; }

    public required string Email { get; set; }

    public required string Text { get; set; }

    /// <summary>[{ "file", "name", "sha256" }]</summary>
    public JsonArray Evidence { get; set; } = [];

    public DateTimeOffset SubmittedAt { get; set; }

    public ObjectionState State { get; set; }

    public Guid? HandledBy { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public string? Decision { get; set; }

    public uint RowVersion { get; set; }
}
