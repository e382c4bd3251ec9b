namespace IpPlatform.Kernel.Workflows;

/// <summary>What an organisation files into a review chain: an application to a round, or a report or check an award obliges it to.</summary>
public enum ApplicationKind
{
    Application,

    /// <summary>An obligation of an award (annual report, acceptance, change report…): declared by the program module's award declaration.</summary>
    Obligation,
}
