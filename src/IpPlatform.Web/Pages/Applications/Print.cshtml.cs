using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Applications;

/// <summary>A complete copy for the applicant to print or save as PDF: every answer and the list of attachments.</summary>
public sealed class PrintModel(LoadApplication applications) : PageModel
{
    public ApplicationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (User.OrganisationId() is not { } organisation || await applications.FindAsync(id, organisation, ct: HttpContext.RequestAborted) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
