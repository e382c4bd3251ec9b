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
