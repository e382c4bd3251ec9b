namespace IpPlatform.Kernel.Recipes;

/// <summary>A record of each recipe execution: what ran, when, and how much it changed.</summary>
public sealed class RecipeRun
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public required string RecipeName { get; set; }

    /// <summary>SHA-256 of the recipe file, hex.</summary>
    public required string Sha256 { get; set; }

    public int Changes { get; set; }

    public DateTimeOffset RanAt { get; set; }
}
