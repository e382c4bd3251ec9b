using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Content;

public enum ContentFieldKind
{
    Text,
    LongText,
    Markdown,
    Date,

    /// <summary>A program's slug.</summary>
    Program,

    /// <summary>A round's id.</summary>
    Round,

    /// <summary>A list of annexes: { title, fileId? }.</summary>
    Annexes,
}

public sealed record ContentFieldDefinition(
    string Name, string Label, ContentFieldKind Kind, bool Required = false, int? MaxLength = null, string? Group = null, string? Hint = null);

/// <summary>
/// A content type is data (created by recipes or administrators): its fields, in order. By convention the fields named
/// "title", "date" and "program" feed the listings.
/// </summary>
public sealed class ContentTypeDefinition
{
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    public List<ContentFieldDefinition> Fields { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public ContentFieldDefinition? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

internal sealed class ContentTypeDefinitionConfiguration : IEntityTypeConfiguration<ContentTypeDefinition>
{
    public void Configure(EntityTypeBuilder<ContentTypeDefinition> e)
    {
        e.ToTable("content_types");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.DisplayName).HasMaxLength(64);
        e.Property(x => x.Fields).HasColumnType("jsonb").HasConversion(JsonColumns.DocumentConverter<List<ContentFieldDefinition>>(), JsonColumns.ListComparer<ContentFieldDefinition>());
    }
}
