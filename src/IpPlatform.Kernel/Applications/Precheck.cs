using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// What an organisation learns before starting an application for a round, and the one place that decides whether it may
/// start: the pre-check page shows it, starting enforces it.
/// </summary>
public sealed record Precheck(Round Round, ProgramInstance Program, ApplicantProfile Applicant, IReadOnlyList<EligibilityResult> Results)
{
    /// <summary>Why no application can be started or continued now (round not open, organisation not certified), or null.</summary>
    public string? AccessRefusal(DateTimeOffset now) =>
        Round.StateAt(now) != RoundState.Open ? "该批次当前不在申报时间内"
        : !Applicant.Certified ? "贵单位尚未通过认证，认证通过后方可申报"
        : null;

    /// <summary>The first profile condition not met (conditions on the answers wait for submit), or null.</summary>
    public string? EligibilityRefusal => Results.FirstOrDefault(r => r.Refuses && !r.CheckedAtSubmit)?.Message;

    public bool CanStart(DateTimeOffset now) => AccessRefusal(now) is null && EligibilityRefusal is null;
}
