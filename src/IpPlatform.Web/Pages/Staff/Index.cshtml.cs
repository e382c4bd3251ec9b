using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Staff;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
