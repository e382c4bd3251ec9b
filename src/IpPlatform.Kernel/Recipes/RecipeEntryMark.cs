namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// What a recipe last applied for one entry of one step (a hash of the entry), so that a recipe re-run at every start
/// changes a row only when the recipe's own text for it changed, and never undoes what people changed since.
/// </summary>
public sealed class RecipeEntryMark
{
    public required string Source { get; set; }

    public required string Step { get; set; }

    public required string Key { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}
