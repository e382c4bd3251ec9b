using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using IpPlatform.Web.Hosting;

namespace IpPlatform.Web.Pages.Editor.Programs;

/// <summary>Imports an exported program recipe as a new program of the editor's authority, under a new address.</summary>
[RequestSizeLimit(5 * 1024 * 1024)]
[RateLimited(LimitedAction.Upload)]
public sealed class ImportModel(RecipeRunner runner, ImportProgram programs, AuthorityPlaces places, ListAuthorities authorities, IpPlatform.Kernel.Audit.AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    public IReadOnlyList<SelectListItem> Owners { get; private set; } = [];

    public IReadOnlyList<RecipeError> Errors { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? recipe)
    {
        await LoadAsync();
        if (Owner is null || Owners.All(o => o.Value != Owner))
        {
            ModelState.AddModelError(nameof(Owner), "请选择主管部门");
        }

        if (string.IsNullOrWhiteSpace(Slug))
        {
            ModelState.AddModelError(nameof(Slug), "请填写新项目的网址名");
        }

        if (recipe is null)
        {
            ModelState.AddModelError("recipe", "请选择导出的配方文件（.recipe.json）");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        string text;
        JsonObject readdressed;
        try
        {
            using var reader = new StreamReader(recipe!.OpenReadStream());
            text = await reader.ReadToEndAsync();
            if (JsonNode.Parse(text) is not JsonObject uploaded)
            {
                throw new InvalidOperationException("not a recipe object");
            }

            var prepared = ImportProgram.PrepareImport(uploaded, Slug!.Trim(), Owner!);
            if (!prepared.Succeeded)
            {
                ModelState.AddFieldErrors(prepared.Errors, prefix: "");
                return Page();
            }

            readdressed = prepared.Value!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            ModelState.AddModelError("recipe", "文件不是本平台导出的项目配方");
            return Page();
        }

        var refused = await programs.CheckImportAsync(readdressed, Slug!.Trim(), Owner!);
        if (refused.Any)
        {
            ModelState.AddFieldErrors(refused, prefix: "");
            return Page();
        }

        try
        {
            // No file references: an imported recipe cannot read files on the server.
            var result = await runner.RunAsync(new RecipeSource(recipe.FileName, readdressed.ToJsonString()));
            await audit.RecordAsync("program.imported", objectType: "program", objectId: Slug!.Trim(), details: new JsonObject
            {
                ["owner"] = Owner, ["file"] = recipe.FileName, ["sha256"] = new RecipeSource(recipe.FileName, text).Sha256, ["changes"] = result.Changes,
            });
            TempData["Status"] = $"已导入为项目“{Slug}”，共 {result.Changes} 处变更。";
            return Redirect($"/editor/programs/{Slug!.Trim()}");
        }
        catch (RecipeValidationException ex)
        {
            Errors = ex.Errors;
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError("", error.ToString());
            }

            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var editable = User.EditableAuthorities(await places.GetAsync());
        Owners = (await authorities.RunAsync(new AuthorityFilter(ExceptLevel: AuthorityLevel.District, Codes: editable)))
            .Select(a => new SelectListItem(a.Agency, a.Code)).ToList();
    }
}
