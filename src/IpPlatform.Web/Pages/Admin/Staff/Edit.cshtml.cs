using IpPlatform.Kernel;
using IpPlatform.Identity.Staff;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Web.Pages.Admin.Staff;

public sealed class EditModel(StaffAccountService staff, ListAuthorities authorities) : PageModel
{
    public sealed class EditInput
    {
        public RoleGrantInput Grants { get; set; } = new();
    }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public StaffAccount Account { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Authorities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Grants = RoleGrantInput.From(Account.Roles);
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(Guid id) =>
        ActAsync(id, () => staff.SetRolesAsync(User, id, Input.Grants.ToGrants(), HttpContext.RequestAborted), "角色已更新，一分钟内生效", postsGrants: true);

    public Task<IActionResult> OnPostDisableAsync(Guid id) =>
        ActAsync(id, () => staff.SetDisabledAsync(User, id, true, HttpContext.RequestAborted), "账户已停用");

    public Task<IActionResult> OnPostEnableAsync(Guid id) =>
        ActAsync(id, () => staff.SetDisabledAsync(User, id, false, HttpContext.RequestAborted), "账户已启用");

    public Task<IActionResult> OnPostResetAuthenticatorAsync(Guid id) =>
        ActAsync(id, () => staff.ResetAuthenticatorAsync(User, id, HttpContext.RequestAborted), "动态口令已重置，该账户下次登录时须重新绑定");

    private async Task<IActionResult> ActAsync(
        Guid id, Func<Task<Outcome<Identity.Accounts.PlatformUser>>> action, string done, bool postsGrants = false)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!postsGrants)
        {
            // Only the roles form posts role rows; if this action fails, the rows shown must be the stored ones, or a
            // later 保存角色 would send none.
            Input.Grants = RoleGrantInput.From(Account.Roles);
        }
        else if (!ModelState.IsValid)
        {
            // An unrecognised role or authority must not be dropped silently from what is saved.
            return Page();
        }

        var outcome = await action();
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }

        TempData["Status"] = $"{Account.User.DisplayName}：{done}。";
        return Redirect($"/admin/staff/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Authorities = await RoleGrantInput.AuthorityOptionsAsync(authorities);
        var account = await staff.FindAsync(User, id, HttpContext.RequestAborted);
        if (account is null)
        {
            return false;
        }

        Account = account;
        return true;
    }
}
