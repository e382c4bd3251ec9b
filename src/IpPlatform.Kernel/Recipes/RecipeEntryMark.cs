using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class RecipeEntryMarkConfiguration : IEntityTypeConfiguration<RecipeEntryMark>
{
    public void Configure(EntityTypeBuilder<RecipeEntryMark> e)
    {
        e.ToTable("recipe_entry_marks");
        e.HasKey(x => new { x.Source, x.Step, x.Key });
        e.Property(x => x.Source).HasMaxLength(512);
        e.Property(x => x.Step).HasMaxLength(64);
        e.Property(x => x.Key).HasMaxLength(256);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}
