using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Identity.Authorization;

/// <summary>Where an authority sits: its own code, its city (if any) and its level.</summary>
public sealed record AuthorityPlace(string Code, AuthorityLevel Level, string? CityCode);

/// <summary>
/// Role × scope checks, done on the server for every object. An assignment at the province covers everything; at a
/// city, that city and its districts; at a district, that district. Staff get nothing without a second factor.
/// </summary>
public static class AccessScope
{
    /// <summary>Does a role assignment reach an organisation (<see cref="AuthorityScope.Covers"/>)?</summary>
    public static bool Covers(RoleAssignment assignment, Organisation organisation) =>
        AuthorityScope.Covers(assignment.Authority, assignment.AtProvince, organisation.CityCode, organisation.DistrictCode);

    /// <summary>Does a role assignment reach an authority (e.g. a notice's issuer): the province, its city, or itself?</summary>
    public static bool Covers(RoleAssignment assignment, AuthorityPlace place) =>
        AuthorityScope.Covers(assignment.Authority, assignment.AtProvince, place.CityCode, place.Code);

    public static bool HasRole(this ClaimsPrincipal user, StaffRole role) =>
        user.IsStaff() && user.UsedSecondFactor() && user.RoleAssignments().Any(a => a.Role == role);

    /// <summary>The user's assignments of <paramref name="role"/> (none before the second factor).</summary>
    public static IReadOnlyList<RoleAssignment> AssignmentsOf(this ClaimsPrincipal user, StaffRole role) =>
        user.IsStaff() && user.UsedSecondFactor() ? user.RoleAssignments().Where(a => a.Role == role).ToList() : [];

    /// <summary>The authorities at which the user holds <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> AuthoritiesFor(this ClaimsPrincipal user, StaffRole role) =>
        user.AssignmentsOf(role).Select(a => a.Authority).Distinct().ToList();

    /// <summary>Holds <paramref name="role"/> at the province (the platform-wide screens: calendar, audit, forms, SSO clients).</summary>
    public static bool HoldsAtProvince(this ClaimsPrincipal user, StaffRole role) => user.AssignmentsOf(role).Any(a => a.AtProvince);

    /// <summary>
    /// Certification is done by the organisation's city (province staff for 省直 units); an administrator covering
    /// the organisation may do it too.
    /// </summary>
    public static bool CanCertify(this ClaimsPrincipal user, Organisation organisation) =>
        user.IsStaff() && user.UsedSecondFactor() && user.RoleAssignments().Any(a =>
            (a.Role == StaffRole.CityReviewer && a.Authority == organisation.CityCode)
            || (a.Role == StaffRole.ProvinceReviewer && a.AtProvince && organisation.CityCode == a.Authority)
            || (a.Role == StaffRole.Administrator && Covers(a, organisation)));

    /// <summary>Holds any role that certifies organisations somewhere (the certification queue's gate).</summary>
    public static bool CertifiesAnywhere(this ClaimsPrincipal user) =>
        user.IsStaff() && user.UsedSecondFactor()
        && user.RoleAssignments().Any(a => a.Role is StaffRole.CityReviewer or StaffRole.ProvinceReviewer or StaffRole.Administrator);
}
