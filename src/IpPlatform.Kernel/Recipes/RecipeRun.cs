using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class RecipeRunConfiguration : IEntityTypeConfiguration<RecipeRun>
{
    public void Configure(EntityTypeBuilder<RecipeRun> e)
    {
        e.ToTable("recipe_runs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Source).HasMaxLength(512);
        e.Property(x => x.RecipeName).HasMaxLength(128);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}
