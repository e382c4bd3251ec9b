using IpPlatform.Kernel.Publicity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Publicity;

/// <summary>The public list of 公示, current first.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class IndexModel(PublicityViews publicity) : PageModel
{
    public IReadOnlyList<PublicNotice> Notices { get; private set; } = [];

    public async Task OnGetAsync() => Notices = await publicity.ListAsync(HttpContext.RequestAborted);
}
