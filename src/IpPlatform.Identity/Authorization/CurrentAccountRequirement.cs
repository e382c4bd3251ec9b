using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpPlatform.Identity.Authorization;

/// <summary>
/// The signed-in account is still what its cookie says: same security stamp, not disabled, and (for applicants) still in
/// the organisation. Removing a member, changing roles, disabling an account or resetting a password changes the stamp,
/// so the change takes effect on the very next request rather than at the next periodic re-validation.
/// </summary>
public sealed class CurrentAccountRequirement : IAuthorizationRequirement;

public sealed class CurrentAccountHandler(DbContext db, IOptions<IdentityOptions> options) : AuthorizationHandler<CurrentAccountRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentAccountRequirement requirement)
    {
        var userId = context.User.UserId();
        var stamp = context.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId == Guid.Empty || stamp is null)
        {
            return;
        }

        var current = await db.Set<PlatformUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.OrganisationId })
            .FirstOrDefaultAsync();
        if (current is not null && current.SecurityStamp == stamp && !current.IsDisabled
            && current.OrganisationId == context.User.OrganisationId())
        {
            context.Succeed(requirement);
        }
    }
}
