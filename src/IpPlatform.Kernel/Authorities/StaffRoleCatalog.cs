namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// One staff role: its <see cref="Key"/> as workflow definitions, claims and recipes spell it (cityReviewer), the
/// <see cref="Title"/> of a person holding it (市级审核员), the <see cref="Office"/> a review history names for a step
/// taken under it (市级审核), the authority levels it may be held at, and whether it acts in review chains.
/// </summary>
public sealed record StaffRoleDefinition(string Key, string Title, string Office, IReadOnlyList<AuthorityLevel> Levels, bool Reviews);

/// <summary>The platform's staff roles, defined once: Identity's accounts, the workflow engine, the queues and the timeline read them here.</summary>
public static class StaffRoleCatalog
{
    private static readonly AuthorityLevel[] AnyLevel = [AuthorityLevel.Province, AuthorityLevel.City, AuthorityLevel.District];

    public static readonly StaffRoleDefinition PolicyEditor = new("policyEditor", "政策编辑", "政策编辑", AnyLevel, Reviews: false);

    public static readonly StaffRoleDefinition DistrictReviewer = new("districtReviewer", "区县审核员", "区县审核", [AuthorityLevel.District], Reviews: true);

    public static readonly StaffRoleDefinition CityReviewer = new("cityReviewer", "市级审核员", "市级审核", [AuthorityLevel.City], Reviews: true);

    public static readonly StaffRoleDefinition ProvinceReviewer = new("provinceReviewer", "省级审核员", "省级审核", [AuthorityLevel.Province], Reviews: true);

    public static readonly StaffRoleDefinition Expert = new("expert", "评审专家", "专家评审", [AuthorityLevel.Province, AuthorityLevel.City], Reviews: false);

    public static readonly StaffRoleDefinition Administrator = new("administrator", "系统管理员", "系统管理", AnyLevel, Reviews: false);

    public static readonly IReadOnlyList<StaffRoleDefinition> All = [PolicyEditor, DistrictReviewer, CityReviewer, ProvinceReviewer, Expert, Administrator];

    /// <summary>The keys of the roles that act in review chains.</summary>
    public static readonly IReadOnlyList<string> ReviewerKeys = [.. All.Where(r => r.Reviews).Select(r => r.Key)];

    public static bool IsReviewer(string key) => ReviewerKeys.Contains(key);
}
