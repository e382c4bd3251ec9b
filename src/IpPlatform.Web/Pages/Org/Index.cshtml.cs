using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Sanctions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Pages.Org;

/// <summary>
/// The applicant's home: the organisation profile and where certification stands; the titles it holds, what each obliges
/// it to file and by when (with the changes and requests it may report itself), and any ban in force with its reason.
/// </summary>
public sealed class IndexModel(DbContext db, AwardDetails awards, RequestObligation requests) : PageModel
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
        var id = User.OrganisationId();
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        var names = await db.Set<Authority>().AsNoTracking()
            .Where(a => a.Code == organisation.CityCode || a.Code == organisation.DistrictCode)
            .ToDictionaryAsync(a => a.Code, a => a.Code == organisation.CityCode ? RegionChoices.CityLabel(a) : a.Name);
        // A code no longer in the authorities table is shown as it is rather than failing the page.
        Region = names.GetValueOrDefault(organisation.CityCode, organisation.CityCode)
            + (organisation.DistrictCode is { } d ? names.GetValueOrDefault(d, d) : "");
        Awards = await awards.ForOrganisationAsync(organisation.Id, HttpContext.RequestAborted);
        Bans = await awards.BansInForceAsync(organisation.Id, HttpContext.RequestAborted);
        return Page();
    }
}
