using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

public sealed record OrganisationCertification(Organisation Organisation, IReadOnlyList<CertificationRequest> Requests);

/// <summary>The signed-in member's organisation with every certification request it made, or null when the user has none.</summary>
public sealed class LoadOrganisationCertification(DbContext db, CertificationHistory history)
{
    public async Task<OrganisationCertification?> RunAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.OrganisationId();
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return organisation is null ? null : new OrganisationCertification(organisation, await history.OfAsync(organisation.Id, ct: ct));
    }
}
