using IpPlatform.Kernel.Authorities;
using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

public sealed record CertificationQueueItem(CertificationRequest Request, Organisation Organisation);

public sealed record QueuePage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The certification requests a staff member may decide: the same rule as <see cref="AccessScope.CanCertify"/>, in SQL.</summary>
public sealed class CertificationQueue(DbContext db)
{
    public const int PageSize = 20;

    public async Task<QueuePage<CertificationQueueItem>> ListAsync(ClaimsPrincipal staff, bool pendingOnly, int page, CancellationToken ct = default)
    {
        var cities = staff.AuthoritiesFor(StaffRole.CityReviewer);
        // A 省直 unit's city is the province itself: the province reviewer certifies it.
        var province = staff.AssignmentsOf(StaffRole.ProvinceReviewer).Where(a => a.AtProvince).Select(a => a.Authority).ToList();
        var admin = staff.AuthoritiesFor(StaffRole.Administrator);
        var adminAll = staff.HoldsAtProvince(StaffRole.Administrator);

        var query = from r in db.Set<CertificationRequest>().AsNoTracking()
                    join o in db.Set<Organisation>().AsNoTracking() on r.OrganisationId equals o.Id
                    where cities.Contains(o.CityCode)
                          || province.Contains(o.CityCode)
                          || adminAll
                          || admin.Contains(o.CityCode)
                          || (o.DistrictCode != null && admin.Contains(o.DistrictCode))
                    select new { r, o };
        if (pendingOnly)
        {
            query = query.Where(x => x.r.Decision == CertificationDecision.Pending);
        }

        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query
            .OrderBy(x => x.r.Decision == CertificationDecision.Pending ? 0 : 1).ThenBy(x => x.r.SubmittedAt)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new CertificationQueueItem(x.r, x.o))
            .ToListAsync(ct);
        return new QueuePage<CertificationQueueItem>(items, total, page, PageSize);
    }
}
