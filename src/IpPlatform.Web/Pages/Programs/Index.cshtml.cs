using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Programs;

/// <remarks>Output-cached for anonymous visitors (the default policy never caches signed-in requests).</remarks>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = IpPlatform.Kernel.Caching.PublicPageCache.Tag)]
public sealed class ProgramsIndexModel(ProgramDirectory directory) : PageModel
{
    public IReadOnlyList<ProgramSummary> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Programs = await directory.ListAsync(ct);
}
