using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Staff.Certifications;

public sealed class IndexModel(CertificationQueue queue) : PageModel
{
    public QueuePage<CertificationQueueItem> Queue { get; private set; } = null!;

    public bool All { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool all = false, int page = 1)
    {
        if (!User.CertifiesAnywhere())
        {
            return Forbid();
        }

        All = all;
        Queue = await queue.ListAsync(User, pendingOnly: !all, page, HttpContext.RequestAborted);
        return Page();
    }
}
