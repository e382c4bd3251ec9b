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
            .ToDictionaryAsync(a => a.Code, a => a.Level == AuthorityLevel.Province ? "省直单位" : a.Name);
        Region = names[organisation.CityCode] + (organisation.DistrictCode is { } d ? names[d] : "");
        return Page();
    }
}
