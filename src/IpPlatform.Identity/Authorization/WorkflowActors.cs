using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Identity.Authorization;

public static class WorkflowActors
{
    /// <summary>
    /// The signed-in user as a workflow actor: an applicant acts for its organisation; staff act under the role grants
    /// of their sign-in, and only after their second factor (without it they hold no grants at all).
    /// </summary>
    public static WorkflowActor WorkflowActor(this ClaimsPrincipal user)
    {
        var name = user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "";
        if (user.IsStaff())
        {
            var grants = user.UsedSecondFactor()
                ? user.RoleAssignments().Select(a => new WorkflowGrant(a.Role.Key(), a.Authority, a.AtProvince)).ToList()
                : [];
            return Kernel.Workflows.WorkflowActor.Staff(user.UserId(), name, grants);
        }

        return user.OrganisationId() is { } organisation
            ? Kernel.Workflows.WorkflowActor.Applicant(user.UserId(), name, organisation)
            : Kernel.Workflows.WorkflowActor.Staff(user.UserId(), name, []);
    }
}
