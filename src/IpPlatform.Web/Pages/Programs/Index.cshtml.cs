using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Programs;

public sealed class ProgramsIndexModel(ProgramDirectory directory) : PageModel
{
    public IReadOnlyList<ProgramSummary> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Programs = await directory.ListAsync(ct);
}
