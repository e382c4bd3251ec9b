using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Pages.Admin.Audit;

/// <summary>The audit log, read-only, for province administrators: it spans every authority.</summary>
public sealed class IndexModel(DbContext db) : PageModel
{
    public const int PageSize = 50;

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

        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Event))
        {
            query = query.Where(e => e.Event.StartsWith(Event.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            query = query.Where(e => e.ActorName != null && e.ActorName.Contains(Actor.Trim()));
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(e => e.At < end);
        }

        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Entries = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        return Page();
    }
}
