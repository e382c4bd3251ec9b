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
