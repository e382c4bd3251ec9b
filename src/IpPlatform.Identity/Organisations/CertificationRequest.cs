using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Identity.Organisations;

public enum CertificationDecision
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>One submission of certification documents and the staff decision on it; every submission is kept.</summary>
public sealed class CertificationRequest
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>营业执照 or 法人证书.</summary>
    public Guid LicenceFileId { get; set; }

    /// <summary>The legal representative's identity document: personal data, opened only by certifying staff, audited.</summary>
    public Guid IdentityDocumentFileId { get; set; }

    public Guid SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public CertificationDecision Decision { get; set; }

    public Guid? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>A new name, when a certified organisation is certified again because it has been renamed.</summary>
    public string? NewName { get; set; }
}

internal sealed class CertificationRequestConfiguration : IEntityTypeConfiguration<CertificationRequest>
{
    public void Configure(EntityTypeBuilder<CertificationRequest> e)
    {
        e.ToTable("certification_requests");
        e.Property(x => x.NewName).HasMaxLength(100);
        e.HasKey(x => x.Id);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasIndex(x => new { x.OrganisationId, x.SubmittedAt });
        e.HasIndex(x => x.Decision);
    }
}
