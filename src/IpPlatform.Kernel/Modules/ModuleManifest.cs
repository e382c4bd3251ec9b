namespace IpPlatform.Kernel.Modules;

/// <summary>The policy document a module implements (a file of shared/seeds).</summary>
public sealed record SeedDocument(string File, string Title, string IssuedBy, string? DocumentNumber = null);

/// <summary>What a program module declares about itself. Read by the host at start-up; never stored.</summary>
public sealed record ModuleManifest
{
    /// <summary>Stable kebab-case id, used in URLs, recipes and the database.</summary>
    public required string Id { get; init; }

    /// <summary>Chinese name of the program, as the seed calls it.</summary>
    public required string Name { get; init; }

    public required OwnerLevel OwnerLevel { get; init; }

    public required SeedDocument Seed { get; init; }

    /// <summary>One paragraph in Chinese: what the program is for.</summary>
    public required string Summary { get; init; }

    /// <summary>Who may apply, in Chinese, as the seed states it.</summary>
    public required string Applicants { get; init; }
}
