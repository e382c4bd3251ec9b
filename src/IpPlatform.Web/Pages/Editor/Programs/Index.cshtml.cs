using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Programs;

public sealed class IndexModel(ProgramDirectory directory, AuthorityPlaces places) : PageModel
{
    public IReadOnlyList<(ProgramSummary Program, bool Editable)> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var placeMap = await places.GetAsync(ct);
        Programs = (await directory.ListAsync(ct)).Select(p => (p, User.EditsFor(p.OwnerCode, placeMap))).ToList();
    }
}
