namespace IpPlatform.Kernel.Files;

/// <summary>An uploaded file: metadata here, bytes in the file store under their SHA-256.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public required string Sha256 { get; set; }

    public long Size { get; set; }

    /// <summary>The type found by reading the content, not the one the browser claimed.</summary>
    public required string ContentType { get; set; }

    public required string FileName { get; set; }

    public Guid? UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
