using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Notices;

/// <summary>The notices of the authorities the editor covers (all of them for a province editor).</summary>
public sealed class IndexModel(ListEditorItems items, AuthorityPlaces places) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<EditorItemRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    public int Pages { get; private set; }

    /// <summary>From the route only (its constraint allows notices|pages), never from a posted field.</summary>
    public string Section => (string)RouteData.Values["section"]!;

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var type = EditorContext.Sections[Section].Type;
        var owners = User.EditableAuthorities(await places.GetAsync(ct));
        var found = await items.RunAsync(type, owners, p, PageSize, ct);
        (Rows, Total, PageNumber, Pages) = (found.Rows, found.Total, found.Page, found.Pages);
    }
}
