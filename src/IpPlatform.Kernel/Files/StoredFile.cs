using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.ToTable("stored_files");
        e.HasKey(x => x.Id);
        e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        e.Property(x => x.ContentType).HasMaxLength(128);
        e.Property(x => x.FileName).HasMaxLength(256);
        e.HasIndex(x => x.Sha256);
    }
}
