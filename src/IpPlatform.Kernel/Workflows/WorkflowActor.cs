using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// A staff role held at an authority, as workflow definitions name roles (e.g. cityReviewer at 210100);
/// <paramref name="AtProvince"/> when that authority is the province (the top of the authorities recipe).
/// </summary>
public sealed record WorkflowGrant(string Role, string Authority, bool AtProvince);

/// <summary>Who applies an action: a member of an applicant organisation, a staff member with role grants, or the system.</summary>
public sealed record WorkflowActor(Guid? UserId, string Name, Guid? OrganisationId, IReadOnlyList<WorkflowGrant> Grants)
{
    public static readonly WorkflowActor System = new(null, "系统", null, []);

    public bool IsSystem => UserId is null;

    /// <summary>Holds a reviewer role somewhere (has review queues at all).</summary>
    public bool IsReviewer => Grants.Any(g => StaffRoleCatalog.IsReviewer(g.Role));

    /// <summary>Holds a reviewer role at exactly <paramref name="authority"/> (e.g. the authority running a program).</summary>
    public bool ReviewsAt(string authority) => Grants.Any(g => StaffRoleCatalog.IsReviewer(g.Role) && g.Authority == authority);

    public static WorkflowActor Applicant(Guid userId, string name, Guid organisationId) => new(userId, name, organisationId, []);

    public static WorkflowActor Staff(Guid userId, string name, IReadOnlyList<WorkflowGrant> grants) => new(userId, name, null, grants);

    /// <summary>
    /// Staff see an instance once it has been submitted (an obligation from the start: reviewers follow what is due and
    /// overdue), when one of their reviewer roles sits at the province, the applicant's city or district, or the authority
    /// running the program. Applicants see their own organisation's.
    /// </summary>
    public bool CanSee(WorkflowInstance instance) =>
        OrganisationId is { } organisation
            ? organisation == instance.OrganisationId
            : (instance.SubmittedAt is not null || instance.Kind == ApplicationKind.Obligation)
                && Reaches(instance.CityCode, instance.DistrictCode, instance.OwnerAuthority);

    /// <summary>One of this actor's reviewer roles covers the place (<see cref="AuthorityScope.Covers"/>) or is held at the authority running the program.</summary>
    public bool Reaches(string? cityCode, string? districtCode, string ownerAuthority) =>
        Grants.Any(g => StaffRoleCatalog.IsReviewer(g.Role) && (AuthorityScope.Covers(g.Authority, g.AtProvince, cityCode, districtCode) || g.Authority == ownerAuthority));

    /// <summary>The grant under which this actor may apply <paramref name="action"/> to <paramref name="instance"/>, if any.</summary>
    public WorkflowGrant? GrantFor(WorkflowAction action, WorkflowInstance instance)
    {
        if (action.BySystem)
        {
            return IsSystem ? new WorkflowGrant(WorkflowRoles.System, "", false) : null;
        }

        if (action.ByApplicant)
        {
            return OrganisationId == instance.OrganisationId && !IsSystem ? new WorkflowGrant(WorkflowRoles.Applicant, "", false) : null;
        }

        return Grants.FirstOrDefault(g =>
            AuthorityScope.HoldsStep(g.Authority, g.AtProvince, action.Scope, instance.CityCode, instance.DistrictCode, instance.OwnerAuthority)
            && AuthorityScope.MayTakeStep(g.Role, g.AtProvince, action.Scope, action.Roles));
    }
}
