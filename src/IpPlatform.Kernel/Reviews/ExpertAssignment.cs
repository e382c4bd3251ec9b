using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Reviews;

public enum AssignmentState
{
    /// <summary>Assigned; the expert has not yet declared whether they have a conflict of interest.</summary>
    Assigned,

    /// <summary>Declared no conflict: may read the application and score it.</summary>
    Accepted,

    /// <summary>Declined with a reason (a conflict of interest); another expert is assigned in their place.</summary>
    Declined,

    /// <summary>Score sheet submitted: locked.</summary>
    Submitted,
}

/// <summary>
/// One expert's work on one application: the rubric as it was when assigned, the conflict-of-interest declaration,
/// and the score sheet (per item a score and a comment), saved as a draft until submitted.
/// </summary>
public sealed class ExpertAssignment
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid ExpertId { get; set; }

    public required string ExpertName { get; set; }

    public required Rubric Rubric { get; set; }

    public AssignmentState State { get; set; }

    public string? DeclineReason { get; set; }

    public DateTimeOffset? DeclaredAt { get; set; }

    /// <summary>{ "itemKey": { "score": "8.5", "comment": "…" } } as the expert typed it.</summary>
    public JsonObject Scores { get; set; } = [];

    public decimal? Total { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public Guid AssignedBy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public uint RowVersion { get; set; }
}
