using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Publicity;

public enum PublicityState
{
    /// <summary>Listed publicly; objections accepted from the first to the last day.</summary>
    Open,

    /// <summary>Ended without an open objection; the result was published as a notice and the applications moved on.</summary>
    Published,
}

/// <summary>
/// A 公示: the organisations a decision would approve, listed publicly for N working days from a start date (the first
/// day counted), by the authority running the program.
/// </summary>
public sealed class PublicNotice
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RoundId { get; set; }

    public required string OwnerAuthority { get; set; }

    public string? Intro { get; set; }

    public DateOnly StartDate { get; set; }

    public int WorkingDays { get; set; }

    public DateOnly EndDate { get; set; }

    public PublicityState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The notice (content item) that published the result.</summary>
    public Guid? ResultNoticeId { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> e)
    {
        e.ToTable("public_notices");
        e.HasKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.OwnerAuthority).HasMaxLength(6);
        e.Property(x => x.Intro).HasMaxLength(4000);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        e.HasIndex(x => new { x.State, x.EndDate });
        e.HasIndex(x => x.StartDate);
    }
}

/// <summary>One organisation on a 公示 list; an upheld objection withdraws it, with the reason on record.</summary>
public sealed class PublicNoticeEntry
{
    public Guid Id { get; set; }

    public Guid PublicNoticeId { get; set; }

    public Guid ApplicationId { get; set; }

    public required string OrganisationName { get; set; }

    public int Position { get; set; }

    public bool Withdrawn { get; set; }

    public string? WithdrawnReason { get; set; }
}

internal sealed class PublicNoticeEntryConfiguration : IEntityTypeConfiguration<PublicNoticeEntry>
{
    public void Configure(EntityTypeBuilder<PublicNoticeEntry> e)
    {
        e.ToTable("public_notice_entries");
        e.HasKey(x => x.Id);
        e.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.PublicNoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PublicNoticeId, x.ApplicationId }).IsUnique();
        e.HasIndex(x => x.ApplicationId);
        e.Property(x => x.OrganisationName).HasMaxLength(200);
        e.Property(x => x.WithdrawnReason).HasMaxLength(2000);
    }
}

public enum ObjectionState
{
    Open,
    Upheld,
    Dismissed,
}

/// <summary>An objection in writing, real-name, with contact details and evidence, received within the period.</summary>
public sealed class Objection
{
    public Guid Id { get; set; }

    public Guid PublicNoticeId { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid UserId { get; set; }

    public required string RealName { get; set; }

    public string? OnBehalfOf { get; set; }

    public required string Phone { get; set; }

    public required string Email { get; set; }

    public required string Text { get; set; }

    /// <summary>[{ "file", "name", "sha256" }]</summary>
    public JsonArray Evidence { get; set; } = [];

    public DateTimeOffset SubmittedAt { get; set; }

    public ObjectionState State { get; set; }

    public Guid? HandledBy { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public string? Decision { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.ToTable("objections");
        e.HasKey(x => x.Id);
        e.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.PublicNoticeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PublicNoticeId, x.State });
        e.Property(x => x.RealName).HasMaxLength(50);
        e.Property(x => x.OnBehalfOf).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(20);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Text).HasMaxLength(5000);
        e.Property(x => x.Evidence).HasColumnType("jsonb").HasConversion(JsonColumns.JsonArrayConverter, JsonColumns.JsonArrayComparer);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Decision).HasMaxLength(2000);
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}
