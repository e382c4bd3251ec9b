using System.Text.Json.Nodes;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// A piece of content (a notice, a page). Its versions are immutable rows; the item points at the latest and at most one
/// published version, and carries the published version's title, date and program for fast listings.
/// </summary>
public sealed class ContentItem
{
    public Guid Id { get; set; }

    public required string Type { get; set; }

    /// <summary>The authority whose editors may change the item.</summary>
    public required string OwnerAuthority { get; set; }

    public int LatestVersion { get; set; }

    public int? PublishedVersion { get; set; }

    public string? PublishedTitle { get; set; }

    public DateOnly? PublishedDate { get; set; }

    public string? PublishedProgram { get; set; }

    /// <summary>The key of the round the published notice belongs to.</summary>
    public string? PublishedRound { get; set; }

    /// <summary>The 年度 the published notice belongs to (its "year" field, else its date's year).</summary>
    public int? PublishedYear { get; set; }

    /// <summary>When the item was first published (kept across unpublish/publish).</summary>
    public DateTimeOffset? FirstPublishedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A recipe's stable key for the item (e.g. "notice:high-value-patent:2024"), so re-running it updates.</summary>
    public string? RecipeKey { get; set; }

    public uint RowVersion { get; set; }
}

internal sealed class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> e)
    {
        e.ToTable("content_items");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasMaxLength(64);
        e.HasOne<ContentTypeDefinition>().WithMany().HasForeignKey(x => x.Type).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.OwnerAuthority).HasMaxLength(16);
        e.HasOne<Authority>().WithMany().HasForeignKey(x => x.OwnerAuthority).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.PublishedTitle).HasMaxLength(300);
        e.Property(x => x.PublishedProgram).HasMaxLength(64);
        e.Property(x => x.PublishedRound).HasMaxLength(64);
        e.Property(x => x.RecipeKey).HasMaxLength(128);
        e.HasIndex(x => x.RecipeKey).IsUnique().HasFilter("recipe_key IS NOT NULL");
        e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        // Public listings: published items of a type, newest first.
        e.HasIndex(x => new { x.Type, x.PublishedDate, x.FirstPublishedAt }).HasFilter("published_version IS NOT NULL")
            .IsDescending(false, true, true).HasDatabaseName("ix_content_items_published");
        e.HasIndex(x => new { x.Type, x.OwnerAuthority, x.UpdatedAt });
    }
}

/// <summary>One saved state of an item: a draft until an editor publishes it; never changed afterwards.</summary>
public sealed class ContentVersion
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public JsonObject Body { get; set; } = [];

    public Guid? CreatedBy { get; set; }

    public string? CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the version was made from an older one ("恢复自第3版").</summary>
    public int? RestoredFrom { get; set; }
}

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> e)
    {
        e.ToTable("content_versions");
        e.HasKey(x => x.Id);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.CreatedByName).HasMaxLength(256);
        e.Property(x => x.Body).HasColumnType("jsonb").HasConversion(JsonColumns.JsonObjectConverter, JsonColumns.JsonObjectComparer);
    }
}

public enum ScheduledAction
{
    Publish,
    Unpublish,
}

public enum ScheduleStatus
{
    Pending,
    Done,
    Cancelled,
}

/// <summary>A publish or unpublish due at a time; carried out once by a Quartz job on the clustered PostgreSQL store.</summary>
public sealed class ContentSchedule
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>For a publish: the version to publish.</summary>
    public int? Version { get; set; }

    public ScheduledAction Action { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public ScheduleStatus Status { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}

internal sealed class ContentScheduleConfiguration : IEntityTypeConfiguration<ContentSchedule>
{
    public void Configure(EntityTypeBuilder<ContentSchedule> e)
    {
        e.ToTable("content_schedules");
        e.HasKey(x => x.Id);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => new { x.Status, x.DueAt });
    }
}
