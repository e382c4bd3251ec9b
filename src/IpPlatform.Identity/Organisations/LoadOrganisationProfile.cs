using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The organisation, its latest profile changes (at most <see cref="LoadOrganisationProfile.MaxChanges"/>) and the districts of its city.</summary>
public sealed record OrganisationProfile(Organisation Organisation, IReadOnlyList<OrganisationProfileChange> Changes, IReadOnlyList<Authority> Districts);

/// <summary>The signed-in member's organisation as its profile page shows it, or null when the user has none.</summary>
public sealed class LoadOrganisationProfile(DbContext db)
{
    public const int MaxChanges = 200;

    public async Task<OrganisationProfile?> RunAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.OrganisationId();
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return null;
        }

        var changes = await db.Set<OrganisationProfileChange>().AsNoTracking().Where(c => c.OrganisationId == organisation.Id)
            .OrderByDescending(c => c.At).Take(MaxChanges).ToListAsync(ct);
        var districts = await db.Set<Authority>().AsNoTracking().Where(a => a.ParentCode == organisation.CityCode).OrderBy(a => a.Code).ToListAsync(ct);
        return new OrganisationProfile(organisation, changes, districts);
    }
}
