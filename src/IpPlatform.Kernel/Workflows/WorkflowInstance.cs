namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// One application's way through its review chain, pinned to the definition version it started on. The columns a work
/// queue filters on (program, round, city, district, state, deadline) are kept here so a queue is one indexed query.
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }

    /// <summary>The application (or obligation filing) this instance carries.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>An application, or an obligation of an award (listed to staff from when it is due, filed or not).</summary>
    public Applications.ApplicationKind Kind { get; set; }

    public required string WorkflowKey { get; set; }

    public int WorkflowVersion { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RoundId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string OrganisationName { get; set; }

    public required string CityCode { get; set; }

    public string? DistrictCode { get; set; }

    /// <summary>The authority running the program ("owner" scope).</summary>
    public required string OwnerAuthority { get; set; }

    public required string State { get; set; }

    public WorkflowPhase Phase { get; set; }

    public DateTimeOffset StateEnteredAt { get; set; }

    /// <summary>When the state's timer runs out (the moment after its last day, Beijing time).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The last day of the state's period (e.g. the correction deadline), as shown to users.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The system action to apply at <see cref="DueAt"/>; cleared once applied or refused.</summary>
    public string? ExpiryAction { get; set; }

    public DateTimeOffset? RemindAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>First submission (null while a draft): drafts are the applicant's own and no queue shows them.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// Shown in staff queues: submitted, or an obligation (followed from the day it is opened). Computed by the database
    /// (a stored generated column) so the queue's counts are an index-only scan of one partial index.
    /// </summary>
    public bool Listed { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int LastSequence { get; set; }

    public required string LastHash { get; set; }

    public uint RowVersion { get; set; }

    public string Reference => $"{WorkflowKey}@{WorkflowVersion}";
}

/// <summary>
/// One step of an instance's history: who acted, in which role and authority, when, from and to which state, with what
/// inputs. Append-only (the database refuses UPDATE, DELETE and TRUNCATE) and hash-chained per instance.
/// </summary>
public sealed class WorkflowHistoryEntry
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Role { get; set; }

    public string? Authority { get; set; }

    public required string Action { get; set; }

    public required string ActionLabel { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public System.Text.Json.Nodes.JsonObject Inputs { get; set; } = [];

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
