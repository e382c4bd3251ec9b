namespace IpPlatform.Kernel.Applications;

/// <summary>What eligibility rules and forms need to know of an applicant organisation (kept by Identity).</summary>
public sealed record ApplicantProfile(
    Guid OrganisationId, string Name, string Type, string CityCode, string? DistrictCode, DateOnly EstablishedOn, int StaffCount, bool Certified,
    string CreditCode = "");

public interface IApplicantDirectory
{
    Task<ApplicantProfile?> FindAsync(Guid organisationId, CancellationToken ct = default);

    /// <summary>A registered organisation by its 统一社会信用代码 (as stored: upper case).</summary>
    Task<ApplicantProfile?> FindByCreditCodeAsync(string creditCode, CancellationToken ct = default);

    /// <summary>The addresses of the organisation's active member accounts (for its notifications).</summary>
    Task<IReadOnlyList<string>> MemberEmailsAsync(Guid organisationId, CancellationToken ct = default);
}
