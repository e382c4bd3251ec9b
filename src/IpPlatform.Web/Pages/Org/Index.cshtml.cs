using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Sanctions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Org;

/// <summary>
/// The applicant's home: the organisation profile and where certification stands; the titles it holds, what each obliges
/// it to file and by when (with the changes and requests it may report itself), and any ban in force with its reason.
/// </summary>
public sealed class IndexModel(LoadOrganisationHome home, AwardDetails awards, RequestObligation requests) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public string Region { get; private set; } = "";

    public IReadOnlyList<AwardView> Awards { get; private set; } = [];

    public IReadOnlyList<Ban> Bans { get; private set; } = [];

    /// <summary>Opens a report the awardee owes when something happened (a change, a request to terminate), then opens its form.</summary>
    public async Task<IActionResult> OnPostRequestAsync(Guid award, string? obligation, DateOnly? eventDate)
    {
        var outcome = await requests.RunAsync(award, obligation ?? "", eventDate, User.WorkflowActor(), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return Redirect($"/applications/{outcome.Value}");
        }

        TempData["Status"] = outcome.Errors.All[0].Message;
        return Redirect("/org#awards");
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await home.RunAsync(User, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (Organisation, Region) = (found.Organisation, found.Region);
        Awards = await awards.ForOrganisationAsync(Organisation.Id, HttpContext.RequestAborted);
        Bans = await awards.BansInForceAsync(Organisation.Id, HttpContext.RequestAborted);
        return Page();
    }
}
