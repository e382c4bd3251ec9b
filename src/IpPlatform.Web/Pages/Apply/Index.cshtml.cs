using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Apply;

/// <summary>申报: the rounds open now, and this organisation's applications.</summary>
public sealed class IndexModel(RoundQueries rounds, ListOrganisationApplications applications) : PageModel
{
    public IReadOnlyList<OpenRound> Open { get; private set; } = [];

    public IReadOnlyList<MyApplication> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Open = await rounds.OpenRoundsAsync(ct);
        Mine = await applications.RunAsync(User.OrganisationId(), ct);
    }
}
