using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Journeys;

/// <summary>
/// One organisation's application to one round, told as the dated moves people make on it (the applicant, reviewers,
/// experts, the public), each through the use case its page calls.
/// </summary>
public sealed record Journey(string Key, string Round, string Applicant, IReadOnlyList<JourneyMove> Moves);

/// <summary>An objection raised in a 公示 (the details the 提出异议 form asks for).</summary>
public sealed record JourneyObjection(string RealName, string Phone, string Email, string Text);

/// <summary>
/// One move on a date (Beijing). <c>do</c> is what is done: start, save, attach, submit, act, assignExperts, declare,
/// score, publicize, object, revoke (the award granted on the application, on the ground its inputs name). <c>by</c> is
/// who does it (an account's e-mail; the journey's applicant when left out); <c>obligation</c> makes it concern the
/// filing of that obligation of the application's award opened last by the move's date.
/// </summary>
public sealed record JourneyMove(
    DateOnly On,
    string Do,
    string? By = null,
    string? Obligation = null,
    string? AnswerSet = null,
    JsonObject? Answers = null,
    IReadOnlyList<string>? Declarations = null,
    IReadOnlyDictionary<string, string>? Files = null,
    string? Action = null,
    JsonObject? Inputs = null,
    IReadOnlyList<string>? Experts = null,
    IReadOnlyDictionary<string, string>? Scores = null,
    bool Submit = true,
    string? Title = null,
    int? WorkingDays = null,
    IReadOnlyList<string>? With = null,
    JourneyObjection? Objection = null)
{
    public static readonly string[] Kinds = ["start", "save", "attach", "submit", "act", "assignExperts", "declare", "score", "publicize", "object", "revoke"];
}

/// <summary>The body of the "journeys" step: answer sets shared by many saves, and the journeys.</summary>
public sealed record JourneysModel(IReadOnlyList<Journey> Journeys, IReadOnlyDictionary<string, JsonObject>? AnswerSets = null);
