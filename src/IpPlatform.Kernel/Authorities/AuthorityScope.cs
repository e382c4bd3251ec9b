namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// Where a role held at an authority reaches, the one rule of the platform: held at the province, everywhere; at a city,
/// that city and its districts; at a district, that district. Accounts (certification, staff administration), the review
/// queues, the workflow engine and the award lists all ask here.
/// </summary>
public static class AuthorityScope
{
    /// <summary>
    /// Does a role held at <paramref name="heldAt"/> (the province's authority when <paramref name="heldAtProvince"/>:
    /// the authorities recipe says which one that is) reach something placed in <paramref name="cityCode"/> (and
    /// <paramref name="districtCode"/>)?
    /// </summary>
    public static bool Covers(string heldAt, bool heldAtProvince, string? cityCode, string? districtCode) =>
        heldAtProvince || heldAt == cityCode || (districtCode is not null && heldAt == districtCode);

    /// <summary>
    /// Is a role held at <paramref name="heldAt"/> held at the authority that takes a review step of
    /// <paramref name="scope"/> ("district", "city", "owner", "province") for something placed in
    /// <paramref name="cityCode"/> and <paramref name="districtCode"/>, run by <paramref name="owner"/>? A 省直 unit's
    /// city is the province itself.
    /// </summary>
    public static bool HoldsStep(string heldAt, bool heldAtProvince, string? scope, string? cityCode, string? districtCode, string owner) => scope switch
    {
        "district" => districtCode is not null && heldAt == districtCode,
        "city" => heldAt == cityCode,
        "owner" => heldAt == owner,
        "province" => heldAtProvince,
        _ => false,
    };

    /// <summary>
    /// May a role (<paramref name="role"/>, held at the step's authority) take a step of <paramref name="scope"/> that
    /// names <paramref name="stepRoles"/>? Its own role may; at the province, the province reviewer takes every step (a
    /// 省直 unit's city step is the province's); the authority running a program takes its own ("owner") steps under any
    /// reviewer role it holds (a city running its copy of a provincial module).
    /// </summary>
    public static bool MayTakeStep(string role, bool heldAtProvince, string? scope, IReadOnlyList<string> stepRoles) =>
        stepRoles.Contains(role)
        || (heldAtProvince && role == StaffRoleCatalog.ProvinceReviewer.Key)
        || (scope == "owner" && StaffRoleCatalog.IsReviewer(role));
}
