using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Publicity;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Publicity;

/// <summary>An objection, in writing and real-name, by a signed-in user, within the period; refused otherwise with the reason.</summary>
[Authorize(Policy = IpPlatform.Identity.Authorization.Policies.SignedIn)]
[RequestSizeLimit(61L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 61L * 1024 * 1024)]
[RateLimited(LimitedAction.Objection)]
public sealed class ObjectionModel(PublicityViews publicity, RaiseObjection raiseObjection) : PageModel
{
    [BindProperty] public Guid ApplicationId { get; set; }
    [BindProperty] public string? RealName { get; set; }
    [BindProperty] public string? OnBehalfOf { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Text { get; set; }

    public PublicNotice Notice { get; private set; } = null!;

    public IReadOnlyList<PublicNoticeEntry> Entries { get; private set; } = [];

    public string? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, List<IFormFile> evidence)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var streams = evidence.Where(f => f.Length > 0).Select(f => (f.OpenReadStream(), f.FileName)).ToList();
        try
        {
            var outcome = await raiseObjection.ObjectAsync(id, new ObjectionInput(ApplicationId, RealName ?? "", OnBehalfOf, Phone ?? "", Email ?? "", Text ?? ""),
                streams, User.UserId(), HttpContext.RequestAborted);
            if (!outcome.Succeeded)
            {
                ModelState.AddFieldErrors(outcome.Errors, prefix: "");
                return Page();
            }
        }
        finally
        {
            foreach (var (stream, _) in streams)
            {
                await stream.DisposeAsync();
            }
        }

        TempData["Status"] = "异议已提交。受理单位将核实处理，并通过您留下的联系方式反馈。";
        return Redirect($"/publicity/{id}/objection");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await publicity.FindAsync(id, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        (Notice, Entries) = found;
        Closed = publicity.PeriodRefusal(Notice);
        return true;
    }
}
