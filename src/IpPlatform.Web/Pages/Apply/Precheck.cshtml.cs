using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Apply;

/// <summary>Before starting: the round, and each eligibility condition checked against the organisation's profile.</summary>
public sealed class PrecheckModel(StartApplication start, RunPrecheck precheck, TimeProvider clock) : PageModel
{
    public Precheck Check { get; private set; } = null!;

    public Round Round => Check.Round;

    public ApplicantProfile Applicant => Check.Applicant;

    public IReadOnlyList<EligibilityResult> Results => Check.Results;

    public RoundState State => Round.StateAt(clock.GetUtcNow());

    public bool CanStart => Check.CanStart(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(string roundKey) => await LoadAsync(roundKey) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string roundKey)
    {
        var outcome = await start.StartAsync(roundKey, User.OrganisationId()!.Value, User.WorkflowActor(), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            if (!await LoadAsync(roundKey))
            {
                return NotFound();
            }

            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return Page();
        }

        return Redirect($"/applications/{outcome.Value!.Id}");
    }

    private async Task<bool> LoadAsync(string roundKey)
    {
        if (await precheck.PrecheckAsync(roundKey, User.OrganisationId()!.Value, HttpContext.RequestAborted) is not { } check)
        {
            return false;
        }

        Check = check;
        return true;
    }
}
