using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
