using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Notices;

/// <summary>Every version of a notice, a readable difference between any two, and restoring an old one as a new draft.</summary>
public sealed class HistoryModel(ContentStore content, RestoreContentVersion restore, ContentTypes types, AuthorityPlaces places) : PageModel
{
    public ContentItem Item { get; private set; } = null!;

    public IReadOnlyList<ContentVersion> Versions { get; private set; } = [];

    public IReadOnlyList<FieldDiff> Diff { get; private set; } = [];

    /// <summary>From the route only (its constraint allows notices|pages), never from a posted field.</summary>
    public string Section => (string)RouteData.Values["section"]!;

    public int? A { get; private set; }

    public int? B { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? a, int? b)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        if (a is not null && b is not null)
        {
            var before = Versions.FirstOrDefault(v => v.Number == a);
            var after = Versions.FirstOrDefault(v => v.Number == b);
            if (before is null || after is null)
            {
                return NotFound();
            }

            (A, B) = (a, b);
            Diff = ContentDiff.Compare((await types.FindAsync(Item.Type))!, before.Body, after.Body).Where(d => d.Changed).ToList();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int version)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        var outcome = await restore.RestoreAsync(id, version, EditorContext.Actor(User));
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return Page();
        }

        TempData["Status"] = $"已将第{version}版恢复为第{outcome.Value!.LatestVersion}版草稿（尚未发布）";
        return Redirect($"/editor/{Section}/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
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

        Item = item;
        Versions = await content.HistoryAsync(id);
        return null;
    }
}
