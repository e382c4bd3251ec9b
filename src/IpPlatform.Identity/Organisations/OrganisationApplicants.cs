using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Organisations;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The kernel's view of an applicant organisation, from the organisations table.</summary>
public sealed class OrganisationApplicants(DbContext db) : IApplicantDirectory
{
    public Task<ApplicantProfile?> FindAsync(Guid organisationId, CancellationToken ct = default) =>
        Profiles(db.Set<Organisation>().Where(o => o.Id == organisationId)).FirstOrDefaultAsync(ct);

    public Task<ApplicantProfile?> FindByCreditCodeAsync(string creditCode, CancellationToken ct = default) =>
        Profiles(db.Set<Organisation>().Where(o => o.CreditCode == creditCode)).FirstOrDefaultAsync(ct);

    private static IQueryable<ApplicantProfile?> Profiles(IQueryable<Organisation> organisations) =>
        organisations.AsNoTracking().Select(o => (ApplicantProfile?)new ApplicantProfile(o.Id, o.Name, o.Type.ToString(), o.CityCode, o.DistrictCode,
            o.EstablishedOn, o.StaffCount, o.Certification == CertificationStatus.Certified, o.CreditCode, o.Address, o.LegalRepresentative,
            o.ContactPerson, o.ContactMobile, o.ContactEmail, o.RegisteredCapital));

    public async Task<IReadOnlyList<string>> MemberEmailsAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Set<Accounts.PlatformUser>().AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && !u.IsDisabled && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);
}
