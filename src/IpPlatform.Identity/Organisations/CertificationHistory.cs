using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>
/// An organisation's certification requests, the latest first, optionally without one of them (the one being decided).
/// The caller has checked that the reader may see the organisation's requests.
/// </summary>
public sealed class CertificationHistory(DbContext db)
{
    public async Task<IReadOnlyList<CertificationRequest>> OfAsync(Guid organisationId, Guid? except = null, CancellationToken ct = default)
    {
        var query = db.Set<CertificationRequest>().AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (except is { } id)
        {
            query = query.Where(r => r.Id != id);
        }

        return await query.OrderByDescending(r => r.SubmittedAt).ToListAsync(ct);
    }
}
