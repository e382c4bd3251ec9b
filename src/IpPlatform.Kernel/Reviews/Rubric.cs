using System.Text.Json;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpPlatform.Kernel.Reviews;

public sealed record RubricItem(string Key, string Label, decimal Max, string? Guide = null);

/// <summary>
/// A scoring rubric as data (e.g. seed 004 附件3: eight items, 100 points). Assignments copy the items when they are made,
/// so a later edit never changes a score sheet already handed to an expert.
/// </summary>
public sealed record Rubric(string Key, string Title, IReadOnlyList<RubricItem> Items)
{
    public decimal Total => Items.Sum(i => i.Max);

    /// <summary>The item worth most (the first such): its score breaks ties in a ranking.</summary>
    public RubricItem? Heaviest => Items.OrderByDescending(i => i.Max).FirstOrDefault();
}

/// <summary>A stored rubric (one row per key; changed by recipe or editor).</summary>
public sealed class RubricRecord
{
    public required string Key { get; set; }

    public required Rubric Definition { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class RubricRecordConfiguration : IEntityTypeConfiguration<RubricRecord>
{
    internal static readonly ValueConverter<Rubric, string> Converter = new(
        v => JsonSerializer.Serialize(v, JsonColumns.DocumentJson),
        v => JsonSerializer.Deserialize<Rubric>(v, JsonColumns.DocumentJson)!);

    /// <summary>Rubrics are replaced, never changed in place: compared by their JSON.</summary>
    internal static readonly ValueComparer<Rubric> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, JsonColumns.DocumentJson) == JsonSerializer.Serialize(b, JsonColumns.DocumentJson),
        v => v.Key.GetHashCode(StringComparison.Ordinal),
        v => v);

    public void Configure(EntityTypeBuilder<RubricRecord> e)
    {
        e.ToTable("rubrics");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(128);
        e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(Converter, Comparer);
    }
}
