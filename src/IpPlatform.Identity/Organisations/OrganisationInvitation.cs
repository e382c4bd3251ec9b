using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Organisations;

/// <summary>An invitation to join an organisation; the link carries a secret whose SHA-256 is all we keep.</summary>
public sealed class OrganisationInvitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Email { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public Guid InvitedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class OrganisationInvitationConfiguration : IEntityTypeConfiguration<OrganisationInvitation>
{
    public void Configure(EntityTypeBuilder<OrganisationInvitation> e)
    {
        e.ToTable("organisation_invitations");
        e.HasKey(x => x.Id);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Email).HasMaxLength(100);
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
    }
}
