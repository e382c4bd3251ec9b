using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Authorization;

/// <summary>An active account by e-mail as the actor its sign-in makes of it (<see cref="WorkflowActors.WorkflowActor"/>).</summary>
public sealed class AccountActors(DbContext db, Kernel.Authorities.AuthorityNames names) : IAccountActors
{
    public async Task<WorkflowActor?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Set<PlatformUser>().AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.IsDisabled, ct);
        if (user is null)
        {
            return null;
        }

        if (user.Kind != AccountKind.Staff)
        {
            return user.OrganisationId is { } organisation ? WorkflowActor.Applicant(user.Id, user.DisplayName, organisation) : null;
        }

        var roles = await db.Set<StaffRoleAssignment>().AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(ct);
        var province = await names.ProvinceAsync(ct);
        return WorkflowActor.Staff(user.Id, user.DisplayName,
            roles.Select(r => new WorkflowGrant(r.Role.Key(), r.AuthorityCode, AtProvince: r.AuthorityCode == province)).ToList());
    }
}
