using IpPlatform.Kernel.Programs;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// What an obligation filing (an application of kind <see cref="Workflows.ApplicationKind.Obligation"/>) owes, as its
/// pages and checks need it: the declared obligation's title (null when the module no longer declares it), whether the
/// city files it for the awardee, its pass mark, and whether the award it is owed under is still in force (its status
/// in words when it is not).
/// </summary>
public sealed record OwedObligation(string? Title, bool FiledByCity, string? PassMark, bool AwardInForce, string AwardStatus)
{
    /// <summary>Why nothing more is filed under an award no longer in force; null while it is in force.</summary>
    public string? Ended => AwardInForce ? null : $"该称号（资格）{AwardStatus}，无需再报送";
}

/// <summary>Reads what obligation filings owe, from the awards (which build on the applications, never the other way).</summary>
public interface IOwedObligations
{
    /// <summary>What the filing owes; null for an application to a round.</summary>
    Task<OwedObligation?> FindAsync(Application filing, ProgramInstance program, CancellationToken ct);

    /// <summary>The answers of the application that won the award (a check of the award concerns its joint applicants too).</summary>
    Task<System.Text.Json.Nodes.JsonObject?> WinningAnswersAsync(Guid awardId, CancellationToken ct);
}
