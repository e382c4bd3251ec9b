using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Forms;

/// <summary>
/// Province policy editors change application forms without a redeploy: edit a version's definition and save it as the
/// next version (validated like a recipe file), or restore an old one as the next version. Nothing is overwritten; an
/// application keeps the version it began with. Saving over a newer version than the one opened is refused.
/// </summary>
public sealed class IndexModel(FormStore store, ListLatestForms latestForms) : PageModel
{
    public sealed record FormSummary(string Key, string Title, int Latest, DateTimeOffset ChangedAt, string? ChangedBy);

    public IReadOnlyList<FormSummary> Forms { get; private set; } = [];

    public IReadOnlyList<FormVersion> History { get; private set; } = [];

    public FormVersion? Shown { get; private set; }

    [BindProperty]
    public string? Definition { get; set; }

    [BindProperty]
    public int BaseVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(string? key, int? version)
    {
        if (!IsProvinceEditor())
        {
            return Forbid();
        }

        if (key is null)
        {
            await LoadListAsync();
            return Page();
        }

        if (!await LoadFormAsync(key, version))
        {
            return NotFound();
        }

        Definition = FormDefinitionJson.Write(Shown!.Definition);
        BaseVersion = History[0].Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        if (!IsProvinceEditor())
        {
            return Forbid();
        }

        if (!await LoadFormAsync(key, null))
        {
            return NotFound();
        }

        var (definition, error) = FormDefinitionJson.Read(Definition ?? "", "定义");
        if (definition is null)
        {
            return Refuse(error!);
        }

        if (definition.Key != key)
        {
            return Refuse($"定义的 key 应为“{key}”，不能改为其他表单");
        }

        foreach (var (path, message) in FormDefinitionValidator.Validate(definition))
        {
            ModelState.AddModelError(nameof(Definition), $"{path}：{message}");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (History[0].Version != BaseVersion)
        {
            return Refuse($"打开后已有人保存了第{History[0].Version}版，为免覆盖未保存。请复制您的修改，重新打开后再保存。");
        }

        var (saved, created) = await store.SaveAsync(definition, User.Identity?.Name, ct: HttpContext.RequestAborted);
        TempData["Status"] = created ? $"已保存为第{saved.Version}版。已开始的申报书仍按原版本填写。" : "定义没有变化，未产生新版本。";
        return Redirect($"/editor/forms/{Uri.EscapeDataString(key)}");
    }

    public async Task<IActionResult> OnPostRestoreAsync(string key, int version)
    {
        if (!IsProvinceEditor())
        {
            return Forbid();
        }

        if (await store.FindAsync(key, version, HttpContext.RequestAborted) is not { } old)
        {
            return NotFound();
        }

        // The validator may have grown stricter since that version was saved: a restored form must pass today's rules.
        if (FormDefinitionValidator.Validate(old.Definition) is [var problem, ..])
        {
            TempData["Status"] = $"第{version}版不符合现行的表单规则（{problem.Path}：{problem.Message}），未恢复；请打开该版本修改后保存。";
            return Redirect($"/editor/forms/{Uri.EscapeDataString(key)}");
        }

        var (saved, created) = await store.SaveAsync(old.Definition, User.Identity?.Name, restoredFrom: version, ct: HttpContext.RequestAborted);
        TempData["Status"] = created ? $"第{version}版已恢复为第{saved.Version}版。" : $"第{version}版与当前版本相同，未产生新版本。";
        return Redirect($"/editor/forms/{Uri.EscapeDataString(key)}");
    }

    private IActionResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Definition), message);
        return Page();
    }

    private async Task LoadListAsync()
    {
        var latest = await latestForms.RunAsync(HttpContext.RequestAborted);
        Forms = latest.Select(f => new FormSummary(f.Key, f.Title, f.Version, f.CreatedAt, f.CreatedBy)).ToList();
    }

    private async Task<bool> LoadFormAsync(string key, int? version)
    {
        History = await store.HistoryAsync(key, HttpContext.RequestAborted);
        Shown = version is { } v ? History.FirstOrDefault(f => f.Version == v) : History.FirstOrDefault();
        return Shown is not null;
    }

    private bool IsProvinceEditor() => User.HoldsAtProvince(StaffRole.PolicyEditor);
}
