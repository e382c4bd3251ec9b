namespace IpPlatform.Kernel.Organisations;

/// <summary>What eligibility rules and forms need to know of an applicant organisation (kept by Identity).</summary>
public sealed record ApplicantProfile(
    Guid OrganisationId, string Name, string Type, string CityCode, string? DistrictCode, DateOnly EstablishedOn, int StaffCount, bool Certified,
    string CreditCode = "", string Address = "", string LegalRepresentative = "", string ContactPerson = "", string ContactMobile = "",
    string ContactEmail = "", decimal? RegisteredCapital = null)
{
    /// <summary>The value of a profile field a form binds to (<see cref="Forms.FormField.ProfileFields"/>), as the form stores it.</summary>
    public string? Field(string name) => name switch
    {
        "name" => Name,
        "creditCode" => CreditCode,
        "address" => Address,
        "legalRepresentative" => LegalRepresentative,
        "contactPerson" => ContactPerson,
        "contactMobile" => ContactMobile,
        "contactEmail" => ContactEmail,
        "staffCount" => StaffCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "establishedOn" => EstablishedOn.ToString("yyyy-MM-dd"),
        "registeredCapital" => RegisteredCapital?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}

public interface IApplicantDirectory
{
    Task<ApplicantProfile?> FindAsync(Guid organisationId, CancellationToken ct = default);

    /// <summary>A registered organisation by its 统一社会信用代码 (as stored: upper case).</summary>
    Task<ApplicantProfile?> FindByCreditCodeAsync(string creditCode, CancellationToken ct = default);

    /// <summary>The addresses of the organisation's active member accounts (for its notifications).</summary>
    Task<IReadOnlyList<string>> MemberEmailsAsync(Guid organisationId, CancellationToken ct = default);
}
