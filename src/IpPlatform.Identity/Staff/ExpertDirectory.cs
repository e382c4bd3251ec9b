using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Staff;

/// <summary>Active staff accounts with the expert role; the city is where the role is held (the province for 省级专家).</summary>
public sealed class ExpertDirectory(DbContext db) : IExpertDirectory
{
    private static readonly char[] Separators = ['、', ',', '，', ';', '；'];

    public async Task<IReadOnlyList<ExpertCandidate>> ListAsync(CancellationToken ct = default)
    {
        var rows = await (
            from u in db.Set<PlatformUser>().AsNoTracking()
            join r in db.Set<StaffRoleAssignment>() on u.Id equals r.UserId
            where r.Role == StaffRole.Expert && !u.IsDisabled
            select new { u.Id, u.DisplayName, u.Expertise, u.Employer, u.EmployerCreditCode, r.AuthorityCode }).ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var first = g.First();
            var fields = (first.Expertise ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new ExpertCandidate(first.Id, first.DisplayName, fields, first.Employer, first.EmployerCreditCode, g.Min(r => r.AuthorityCode)!);
        }).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }
}
