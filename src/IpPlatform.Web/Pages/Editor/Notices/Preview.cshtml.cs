using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using IpPlatform.Web.Pages.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Notices;

/// <summary>Shows any version (default: the latest draft) exactly as the public page will.</summary>
public sealed class PreviewModel(ContentStore content, AuthorityPlaces places, AuthorityNames agencies) : PageModel
{
    public NoticeView Notice { get; private set; } = null!;

    public ContentItem Item { get; private set; } = null!;

    public int Version { get; private set; }

    /// <summary>From the route only (its constraint allows notices|pages), never from a posted field.</summary>
    public string Section => (string)RouteData.Values["section"]!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? version)
    {
        var item = await content.FindAsync(id);
        if (item is null || item.Type != EditorContext.Sections[Section].Type)
        {
            return NotFound();
        }

        if (!User.EditsFor(item.OwnerAuthority, await places.GetAsync()))
        {
            return Forbid();
        }

        var shown = await content.VersionAsync(id, version ?? item.LatestVersion);
        if (shown is null)
        {
            return NotFound();
        }

        (Item, Version) = (item, shown.Number);
        var agency = (await agencies.GetAsync())[item.OwnerAuthority];
        Notice = NoticeView.From(shown, agency);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
