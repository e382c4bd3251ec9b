using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The organisation and the name of its place (city, then district; 省直单位 for the province).</summary>
public sealed record OrganisationHome(Organisation Organisation, string Region);

/// <summary>The signed-in member's organisation as its home page shows it, or null when the user has none.</summary>
public sealed class LoadOrganisationHome(DbContext db)
{
    public async Task<OrganisationHome?> RunAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.OrganisationId();
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return null;
        }

        var names = await db.Set<Authority>().AsNoTracking()
            .Where(a => a.Code == organisation.CityCode || a.Code == organisation.DistrictCode)
            .ToDictionaryAsync(a => a.Code, a => a.Code == organisation.CityCode ? RegionChoices.CityLabel(a) : a.Name, ct);
        // A code no longer in the authorities table is shown as it is rather than failing the page.
        var region = names.GetValueOrDefault(organisation.CityCode, organisation.CityCode)
            + (organisation.DistrictCode is { } d ? names.GetValueOrDefault(d, d) : "");
        return new OrganisationHome(organisation, region);
    }
}
