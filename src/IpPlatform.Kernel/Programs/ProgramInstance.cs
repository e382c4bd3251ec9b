using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// A program: a module run by an authority with its own name and settings. The province runs the provincial
/// modules; a city may run its own copy of a provincial module (seed 001 art. 22) without touching the province's.
/// </summary>
public sealed partial class ProgramInstance
{
    /// <summary>Words the editor's addresses use after /editor/programs/, so no program may take them.</summary>
    private static readonly string[] ReservedSlugs = ["new", "import"];

    /// <summary>A web address segment: lower-case letters and digits joined by single hyphens, at most 64 characters.</summary>
    public static bool IsWellFormedKey(string? key) => key is { Length: <= 64 } && KeyPattern().IsMatch(key);

    /// <summary>Why <paramref name="slug"/> cannot be a program's address, in Chinese; null when it can.</summary>
    public static string? SlugProblem(string? slug) =>
        !IsWellFormedKey(slug) ? "网址名只能由小写字母、数字和连字符组成（不超过64个字符），如 shenyang-service-cluster"
        : ReservedSlugs.Contains(slug) ? $"网址名“{slug}”是系统保留的，请换一个"
        : null;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    public Guid Id { get; set; }

    /// <summary>URL name, unique, e.g. high-value-patent.</summary>
    public required string Slug { get; set; }

    public required string ModuleId { get; set; }

    public required string OwnerAuthorityCode { get; set; }

    public required string Name { get; set; }

    /// <summary>Overrides of the module's default settings, validated against its schema.</summary>
    public JsonObject Settings { get; set; } = [];

    public int SortOrder { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ProgramInstanceConfiguration : IEntityTypeConfiguration<ProgramInstance>
{
    public void Configure(EntityTypeBuilder<ProgramInstance> e)
    {
        e.ToTable("programs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Slug).HasMaxLength(64);
        e.HasIndex(x => x.Slug).IsUnique();
        e.Property(x => x.ModuleId).HasMaxLength(64);
        e.HasIndex(x => x.ModuleId);
        e.Property(x => x.OwnerAuthorityCode).HasMaxLength(16);
        e.HasOne<Authority>().WithMany().HasForeignKey(x => x.OwnerAuthorityCode).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Name).HasMaxLength(128);
        e.Property(x => x.Settings).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
    }
}
