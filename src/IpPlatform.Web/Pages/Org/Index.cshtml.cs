using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Web.Pages.Org;

/// <summary>The applicant's home: the organisation profile and where certification stands.</summary>
public sealed class IndexModel(DbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public string Region { get; private set; } = "";

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
        return Page();
    }
}
