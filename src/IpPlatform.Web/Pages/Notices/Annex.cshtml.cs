using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Notices;

/// <summary>Downloads an annex file of a published notice (only files the published version lists).</summary>
public sealed class AnnexModel(NoticeQueries notices, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, int index, CancellationToken ct)
    {
        if (await notices.PublishedAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var annexes = ContentBody.Annexes(found.Version.Body, "annexes");
        if (index < 0 || index >= annexes.Count || annexes[index].FileId is not { } fileId
            || await files.FindAsync(fileId, ct) is not { } file)
        {
            return NotFound();
        }

        var extension = Path.GetExtension(file.FileName);
        return File(files.OpenRead(file), file.ContentType, annexes[index].Title + extension);
    }
}
