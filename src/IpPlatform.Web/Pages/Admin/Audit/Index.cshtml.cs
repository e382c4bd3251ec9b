using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Admin.Audit;

/// <summary>The audit log, read-only, for province administrators: it spans every authority.</summary>
public sealed class IndexModel(ListAuditEntries audit) : PageModel
{
    public const int PageSize = ListAuditEntries.PageSize;

    [BindProperty(SupportsGet = true)]
    public string? Event { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.HoldsAtProvince(StaffRole.Administrator))
        {
            return Forbid();
        }

        var found = await audit.RunAsync(new AuditFilter(Event, Actor, From, To, PageNumber), HttpContext.RequestAborted);
        (Entries, Total, PageNumber) = (found.Entries, found.Total, found.Page);
        return Page();
    }
}
