using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Staff;
using IpPlatform.Kernel.Authorities;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Admin.Staff;

/// <summary>The role rows of the staff forms: up to <see cref="Rows"/> (role, authority) pairs; empty rows are ignored.</summary>
public sealed class RoleGrantInput
{
    public const int Rows = 4;

    public StaffRole?[] Roles { get; set; } = new StaffRole?[Rows];

    public string?[] Authorities { get; set; } = new string?[Rows];

    /// <summary>The role of row <paramref name="i"/>; the binder sizes the arrays to what was posted.</summary>
    public StaffRole? RoleAt(int i) => i < Roles.Length ? Roles[i] : null;

    public string? AuthorityAt(int i) => i < Authorities.Length ? Authorities[i] : null;

    public IReadOnlyList<RoleGrant> ToGrants() =>
        Enumerable.Range(0, Math.Min(Roles.Length, Authorities.Length))
            .Where(i => Roles[i] is not null && !string.IsNullOrEmpty(Authorities[i]))
            .Select(i => new RoleGrant(Roles[i]!.Value, Authorities[i]!))
            .ToList();

    public static RoleGrantInput From(IEnumerable<StaffRoleAssignment> roles)
    {
        var input = new RoleGrantInput();
        foreach (var (r, i) in roles.Take(Rows).Select((r, i) => (r, i)))
        {
            (input.Roles[i], input.Authorities[i]) = (r.Role, r.AuthorityCode);
        }

        return input;
    }

    public static IReadOnlyList<SelectListItem> RoleOptions { get; } =
        Enum.GetValues<StaffRole>().Select(r => new SelectListItem(r.ToChinese(), r.ToString())).ToList();

    public static async Task<IReadOnlyList<SelectListItem>> AuthorityOptionsAsync(ListAuthorities authorities) =>
        (await authorities.RunAsync(new AuthorityFilter()))
            .Select(a => new SelectListItem((a.Level == AuthorityLevel.District ? "　" : "") + a.Agency, a.Code))
            .ToList();
}
