using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Organisations;

/// <summary>One change to an organisation's profile: which field, from what to what, who and when. Appended, never changed.</summary>
public sealed class OrganisationProfileChange
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ChangedBy { get; set; }

    public required string ChangedByName { get; set; }

    /// <summary>The field as the profile page labels it (单位地址, 职工人数…).</summary>
    public required string Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

internal sealed class OrganisationProfileChangeConfiguration : IEntityTypeConfiguration<OrganisationProfileChange>
{
    public void Configure(EntityTypeBuilder<OrganisationProfileChange> e)
    {
        e.ToTable("organisation_profile_changes");
        e.HasKey(x => x.Id);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrganisationId, x.At });
        e.Property(x => x.ChangedByName).HasMaxLength(256);
        e.Property(x => x.Field).HasMaxLength(32);
        e.Property(x => x.Before).HasMaxLength(200);
        e.Property(x => x.After).HasMaxLength(200);
    }
}
