using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// A program: a module run by an authority with its own name and settings. The province runs the provincial
/// modules; a city may run its own copy of a provincial module (seed 001 art. 22) without touching the province's.
/// </summary>
public sealed class ProgramInstance
{
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
