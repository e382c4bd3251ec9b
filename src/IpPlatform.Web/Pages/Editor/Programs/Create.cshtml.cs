using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Editor.Programs;

/// <summary>A city (or the province) runs its own program from a provincial module, e.g. 沈阳市 local agglomeration zones (seed 001 art. 22).</summary>
public sealed class CreateModel(CreateProgram service, ModuleCatalog modules, AuthorityPlaces places, ListAuthorities authorities) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Module { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Settings { get; set; } = [];

    public IReadOnlyList<ProgramModule> ProvincialModules { get; } = modules.Modules.Where(m => m.Manifest.OwnerLevel == OwnerLevel.Province).ToList();

    public ProgramModule? Chosen => Module is null ? null : ProvincialModules.FirstOrDefault(m => m.Manifest.Id == Module);

    public IReadOnlyList<SelectListItem> Owners { get; private set; } = [];

    public async Task OnGetAsync() => await LoadOwnersAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadOwnersAsync();
        if (Chosen is null)
        {
            ModelState.AddModelError(nameof(Module), "请选择省级模块");
            return Page();
        }

        if (Owner is null || Owners.All(o => o.Value != Owner))
        {
            ModelState.AddModelError(nameof(Owner), "请选择主管部门");
            return Page();
        }

        var outcome = await service.CreateAsync(Chosen.Manifest.Id, Slug?.Trim() ?? "", Name ?? "", Owner, ProgramForms.ToSettings(Chosen.Settings, Settings));
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors.All)
            {
                ModelState.AddModelError(field.StartsWith("Settings.", StringComparison.Ordinal) ? $"Settings[{field[9..]}]" : field, message);
            }

            return Page();
        }

        TempData["Status"] = $"已创建项目“{outcome.Value!.Name}”。";
        return Redirect($"/editor/programs/{outcome.Value.Slug}");
    }

    private async Task LoadOwnersAsync()
    {
        var editable = User.EditableAuthorities(await places.GetAsync());
        Owners = (await authorities.RunAsync(new AuthorityFilter(ExceptLevel: AuthorityLevel.District, Codes: editable)))
            .Select(a => new SelectListItem(a.Agency, a.Code)).ToList();
    }
}
