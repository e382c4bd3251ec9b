using IpPlatform.Kernel.Applications;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The kernel's view of an applicant organisation, from the organisations table.</summary>
public sealed class OrganisationApplicants(DbContext db) : IApplicantDirectory
{
    public async Task<ApplicantProfile?> FindAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new ApplicantProfile(o.Id, o.Name, o.Type.ToString(), o.CityCode, o.DistrictCode, o.EstablishedOn, o.StaffCount,
                o.Certification == CertificationStatus.Certified))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<string>> MemberEmailsAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Set<Accounts.PlatformUser>().AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && !u.IsDisabled && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);
}
