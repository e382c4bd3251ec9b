using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Pages.Editor.Notices;

public sealed record EditorNoticeRow(ContentItem Item, string Title, string Agency, bool Scheduled);

/// <summary>The notices of the authorities the editor covers (all of them for a province editor).</summary>
public sealed class IndexModel(DbContext db, AuthorityPlaces places) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<EditorNoticeRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    /// <summary>From the route only (its constraint allows notices|pages), never from a posted field.</summary>
    public string Section => (string)RouteData.Values["section"]!;

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var type = EditorContext.Sections[Section].Type;
        var owners = User.EditableAuthorities(await places.GetAsync(ct));
        var query = from i in db.Set<ContentItem>().AsNoTracking()
                    join v in db.Set<ContentVersion>().AsNoTracking() on new { ItemId = i.Id, Number = i.LatestVersion } equals new { v.ItemId, v.Number }
                    join a in db.Set<Authority>().AsNoTracking() on i.OwnerAuthority equals a.Code
                    where i.Type == type && owners.Contains(i.OwnerAuthority)
                    select new { i, v.Title, a.Agency, Scheduled = db.Set<ContentSchedule>().Any(s => s.ItemId == i.Id && s.Status == ScheduleStatus.Pending) };
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(p, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = (await query.OrderByDescending(x => x.i.UpdatedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct))
            .Select(x => new EditorNoticeRow(x.i, x.Title, x.Agency, x.Scheduled)).ToList();
    }
}
