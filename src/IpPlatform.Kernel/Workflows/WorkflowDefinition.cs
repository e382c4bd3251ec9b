namespace IpPlatform.Kernel.Workflows;

/// <summary>Where an instance stands for the applicant: what the application's status shows and whether it can be edited.</summary>
public enum WorkflowPhase
{
    Draft,
    Review,
    Returned,
    Approved,
    Rejected,
    Closed,
}

public enum WorkflowInputKind
{
    Text,
    LongText,

    /// <summary>A list of items, one per line (e.g. the 一次告知 list of what must be corrected).</summary>
    Items,
    Date,
    Choice,
    File,

    /// <summary>A whole number (e.g. the months of a rectification period the province chooses within its bounds).</summary>
    Integer,

    /// <summary>A section of the application form filled by the reviewing authority (e.g. seed 000 八、推荐意见).</summary>
    Section,
}

/// <summary>
/// A review chain as data (docs/workflows-format.md): states, and actions that move an instance from state to state for
/// the roles and scope they name, with their inputs, guards, timers and effects. Stored as versions; an instance keeps
/// the version it started on.
/// </summary>
public sealed record WorkflowDefinition(
    string Key, string Title, string Initial, IReadOnlyList<WorkflowState> States, IReadOnlyList<WorkflowAction> Actions,
    IReadOnlyList<WorkflowExport>? Exports = null)
{
    public IReadOnlyList<WorkflowExport> ExportList => Exports ?? [];

    public WorkflowState? State(string key) => States.FirstOrDefault(s => s.Key == key);

    public WorkflowAction? Action(string key) => Actions.FirstOrDefault(a => a.Key == key);

    public IEnumerable<WorkflowAction> ActionsFrom(string state) => Actions.Where(a => a.From.Contains(state));
}

/// <param name="Scoring">The rubric experts score against while an instance is in this state (e.g. 专家评审).</param>
public sealed record WorkflowState(string Key, string Label, WorkflowPhase Phase, WorkflowTimer? Timer = null, string? Scoring = null);

/// <summary>
/// A deadline started when an instance enters the state: the date an input names, a period from the day of entry
/// (working days count the first day when it is one, as in 公示 practice), or the obligation's own due date
/// (<see cref="Due"/>: its initial state, and e.g. an overdue state that keeps showing it). At its end the system applies <see cref="Expiry"/>; an optional
/// reminder goes out some working days before.
/// </summary>
public sealed record WorkflowTimer(
    string? Input = null, int? WorkingDays = null, int? Days = null, int? Months = null, string? Expiry = null, WorkflowReminder? Remind = null,
    bool Due = false);

public sealed record WorkflowReminder(int WorkingDaysBefore, string Subject, string Body);

public sealed record WorkflowAction(
    string Key,
    string Label,
    IReadOnlyList<string> From,
    string To,
    IReadOnlyList<string> Roles,
    string? Scope = null,
    IReadOnlyList<WorkflowInput>? Inputs = null,
    IReadOnlyList<string>? Guards = null,
    IReadOnlyList<WorkflowEffect>? Effects = null,
    string? Trigger = null,
    string? Style = null)
{
    public IReadOnlyList<WorkflowInput> InputList => Inputs ?? [];

    public IReadOnlyList<string> GuardList => Guards ?? [];

    public IReadOnlyList<WorkflowEffect> EffectList => Effects ?? [];

    public bool BySystem => Roles.Contains(WorkflowRoles.System);

    public bool ByApplicant => Roles.Contains(WorkflowRoles.Applicant);
}

/// <summary>
/// An input the actor gives with the action. <see cref="Default"/> pre-fills the field (text), and
/// <see cref="DefaultWorkingDays"/> pre-fills a date that many working days from today. A date is a deadline from today
/// on, unless <see cref="Past"/>: the date of something decided (a 发文日期), today or within the past year.
/// <see cref="Internal"/> inputs (notes between authorities) are kept from the applicant's view of the history.
/// </summary>
public sealed record WorkflowInput(
    string Key,
    string Label,
    WorkflowInputKind Kind,
    bool Required = true,
    int? MaxLength = null,
    string? Default = null,
    int? DefaultWorkingDays = null,
    IReadOnlyList<string>? Options = null,
    string? Section = null,
    string? Hint = null,
    bool Internal = false,
    bool Past = false)
{
    public int TextLimit => MaxLength ?? (Kind is WorkflowInputKind.LongText or WorkflowInputKind.Items ? 5000 : 200);
}

/// <summary>
/// A table reviewers export from their queue (e.g. seed 003's 汇总表): one row per application in the list, columns taken
/// from the answers ("section.field") or from the list itself (value: index, organisation, state, submittedAt, deadline).
/// </summary>
public sealed record WorkflowExport(string Key, string Title, IReadOnlyList<WorkflowExportColumn> Columns);

public sealed record WorkflowExportColumn(string Label, string? Answer = null, string? Value = null)
{
    public static readonly IReadOnlyList<string> Values = ["index", "organisation", "state", "submittedAt", "deadline"];
}

/// <summary>
/// What an action causes besides the move: a notification to the applicant organisation (<c>notify</c>: to, subject,
/// body), or — in an obligation's chain — a consequence for its award (docs/awards-format.md): <c>awardStatus</c>
/// (status), <c>openObligation</c> (obligation, months: a number, "setting:…" or "input:…"), <c>revokeAward</c>
/// (ending: a revocation ground of the award declaration), <c>endAward</c> (status expired|terminated, ending),
/// <c>renewAward</c>, <c>updateDirectory</c> (fields: directory column → "section.field" of the filing),
/// <c>creditRecord</c> (credit, stage). An <c>openObligation</c> whose months an input gives may bound them
/// (<c>minMonths</c>, <c>maxMonths</c>: numbers or settings — seed 001 art. 16: 3–6 months chosen by the province).
/// </summary>
public sealed record WorkflowEffect(
    string Kind, string? To = null, string? Subject = null, string? Body = null, string? Status = null, string? Obligation = null,
    string? Months = null, string? Ending = null, IReadOnlyDictionary<string, string>? Fields = null, string? Credit = null, string? Stage = null,
    string? MinMonths = null, string? MaxMonths = null);

public static class WorkflowRoles
{
    public const string Applicant = "applicant";
    public const string System = "system";

    public static readonly IReadOnlyList<string> Scopes = ["district", "city", "owner", "province"];

    public static readonly IReadOnlyList<string> KnownGuards =
        ["roundOpen", "beforeDeadline", "formValid", "eligible", "certified", "scorePasses", "scoreFails", "obligationOpen", "flagsAccepted"];

    public const string SettingGuardPrefix = "setting:";

    /// <summary>"input:key=value" (or "input:section.field=value" for a form section input): the action's input must say so.</summary>
    public const string InputGuardPrefix = "input:";

    public const string NotifyEffect = "notify";

    public const string RoundClosedTrigger = "roundClosed";

    /// <summary>A 公示 that lists the application has opened / ended without an upheld objection / upheld an objection against it.</summary>
    public const string PublicityOpenedTrigger = "publicityOpened";
    public const string PublicityPassedTrigger = "publicityPassed";
    public const string ObjectionUpheldTrigger = "objectionUpheld";

    /// <summary>The award an obligation belongs to has ended (revoked, expired, terminated): what was not filed is closed.</summary>
    public const string AwardEndedTrigger = "awardEnded";

    public static readonly IReadOnlyList<string> Triggers =
        [RoundClosedTrigger, PublicityOpenedTrigger, PublicityPassedTrigger, ObjectionUpheldTrigger, AwardEndedTrigger];
}
