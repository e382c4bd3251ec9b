using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Reviews;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Rubrics;

/// <summary>Province policy editors define and change scoring rubrics (seed 004 附件3/附件4, or any program's) without a redeploy.</summary>
public sealed class IndexModel(RubricService rubrics) : PageModel
{
    [BindProperty] public string? Definition { get; set; }

    /// <summary>The saved time of the rubric as opened (ticks), so a newer save in between is not overwritten.</summary>
    [BindProperty] public long? BasedOn { get; set; }

    public IReadOnlyList<RubricRecord> All { get; private set; } = [];

    public string? Key { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key)
    {
        if (!IsProvinceEditor())
        {
            return Forbid();
        }

        All = await rubrics.ListAsync(HttpContext.RequestAborted);
        if (key is not null)
        {
            if (await rubrics.FindAsync(key, HttpContext.RequestAborted) is not { } found)
            {
                return NotFound();
            }

            (Key, Definition, BasedOn) = (found.Key, RubricService.Write(found.Definition), found.UpdatedAt.UtcTicks);
        }
        else
        {
            Definition = RubricService.Write(new Rubric("program-key.expert", "评分标准名称", [new RubricItem("item1", "评分项", 10)]));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (!IsProvinceEditor())
        {
            return Forbid();
        }

        var saved = await rubrics.SaveAsync(Definition, BasedOn is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            User.Identity?.Name ?? "", HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            ModelState.AddFieldErrors(saved.Errors, prefix: "");
            All = await rubrics.ListAsync(HttpContext.RequestAborted);
            Key = key;
            return Page();
        }

        TempData["Status"] = $"评分标准“{saved.Value!.Definition.Title}”已保存（满分 {saved.Value.Definition.Total:0.#}）";
        return Redirect($"/editor/rubrics/{saved.Value.Key}");
    }

    private bool IsProvinceEditor() => User.HoldsAtProvince(StaffRole.PolicyEditor);
}
