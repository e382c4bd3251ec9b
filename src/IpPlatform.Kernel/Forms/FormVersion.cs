using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Forms;

/// <summary>
/// One version of a form definition. Versions are never changed: an edit makes the next version; a round pins one; an
/// application keeps the one it began with.
/// </summary>
public sealed class FormVersion
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public required FormDefinition Definition { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Set when the version was made from an older one.</summary>
    public int? RestoredFrom { get; set; }

    public string Reference => $"{Key}@{Version}";
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> e)
    {
        e.ToTable("form_versions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(128);
        e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, FormStore.Json),
            v => JsonSerializer.Deserialize<FormDefinition>(v, FormStore.Json)!,
            new ValueComparer<FormDefinition>((a, b) => FormStore.Same(a!, b!), v => v.Key.GetHashCode(StringComparison.Ordinal), v => v));
        e.Ignore(x => x.Reference);
    }
}
