using IpPlatform.Identity.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Admin.Staff;

public sealed class IndexModel(StaffAccountService staff) : PageModel
{
    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    public async Task OnGetAsync() => Accounts = await staff.ListAsync(User, HttpContext.RequestAborted);
}
