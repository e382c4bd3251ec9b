using System.Globalization;
using System.Text;
using System.Text.Json;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Editor.Programs;

/// <summary>A program's name and settings, its rounds, and its export as a recipe. Editors outside the owner get 403.</summary>
public sealed class EditModel(
    FindProgram service, ChangeProgramSettings changeSettings, SaveRound saveRound, PinRoundVersion pinVersion, ExportProgram export, ModuleCatalog modules, AuthorityPlaces places, RoundQueries rounds, ListPinnableVersions versions, TimeProvider clock)
    : PageModel
{
    public sealed class RoundInput
    {
        public Guid? Id { get; set; }

        public string? Key { get; set; }

        public int Year { get; set; }

        public string? Title { get; set; }

        /// <summary>Beijing time from datetime-local inputs.</summary>
        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public string? BeforeOpenText { get; set; }

        public string? AfterCloseText { get; set; }
    }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Settings { get; set; } = [];

    [BindProperty]
    public RoundInput Round { get; set; } = new();

    public ProgramInstance Program { get; private set; } = null!;

    public ProgramModule Module { get; private set; } = null!;

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    /// <summary>The versions of the program's application form, newest first, for pinning a round.</summary>
    public IReadOnlyList<int> FormVersions { get; private set; } = [];

    public IReadOnlyList<int> WorkflowVersions { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string slug, Guid? round)
    {
        if (await LoadAsync(slug) is { } denied)
        {
            return denied;
        }

        Name = Program.Name;
        Settings = ProgramForms.ToFields(Module.Settings, Program.Settings);
        var editing = Rounds.FirstOrDefault(r => r.Id == round);
        Round = editing is null
            ? new RoundInput { Year = BeijingTime.Today(clock).Year }
            : new RoundInput
            {
                Id = editing.Id, Key = editing.Key, Year = editing.Year, Title = editing.Title, Opens = Local(editing.OpensAt), Closes = Local(editing.ClosesAt),
                BeforeOpenText = editing.BeforeOpenText, AfterCloseText = editing.AfterCloseText,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string slug)
    {
        if (await LoadAsync(slug) is { } denied)
        {
            return denied;
        }

        var outcome = await changeSettings.UpdateSettingsAsync(slug, Name ?? "", ProgramForms.ToSettings(Module.Settings, Settings));
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors.All)
            {
                ModelState.AddModelError(field.StartsWith("Settings.", StringComparison.Ordinal) ? $"Settings[{field[9..]}]" : field, message);
            }

            return Page();
        }

        TempData["Status"] = "项目设置已保存。";
        return Redirect($"/editor/programs/{slug}");
    }

    public async Task<IActionResult> OnPostRoundAsync(string slug)
    {
        if (await LoadAsync(slug) is { } denied)
        {
            return denied;
        }

        Name = Program.Name;
        Settings = ProgramForms.ToFields(Module.Settings, Program.Settings);
        var opens = ParseLocal(Round.Opens, nameof(Round.Opens));
        var closes = ParseLocal(Round.Closes, nameof(Round.Closes));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await saveRound.SaveRoundAsync(slug, Round.Id, Round.Key?.Trim() ?? "", Round.Year, Round.Title ?? "", opens, closes,
            Round.BeforeOpenText, Round.AfterCloseText);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "Round");
            return Page();
        }

        TempData["Status"] = $"批次“{outcome.Value!.Title}”已保存。";
        return Redirect($"/editor/programs/{slug}");
    }

    public Task<IActionResult> OnPostPinFormAsync(string slug, Guid roundId, int? formVersion) => PinAsync(slug, roundId, RoundPin.Form, formVersion);

    public Task<IActionResult> OnPostPinWorkflowAsync(string slug, Guid roundId, int? workflowVersion) => PinAsync(slug, roundId, RoundPin.Workflow, workflowVersion);

    private async Task<IActionResult> PinAsync(string slug, Guid roundId, RoundPin what, int? version)
    {
        if (await LoadAsync(slug) is { } denied)
        {
            return denied;
        }

        var outcome = await pinVersion.PinAsync(slug, roundId, what, version);
        var name = what == RoundPin.Form ? "申报表单" : "审核流程";
        TempData["Status"] = !outcome.Succeeded ? outcome.Errors.All[0].Message
            : version is null ? $"批次“{outcome.Value!.Title}”将使用{name}的最新版本。"
            : $"批次“{outcome.Value!.Title}”已固定使用{name}第{version}版。";
        return Redirect($"/editor/programs/{slug}");
    }

    public async Task<IActionResult> OnGetExportAsync(string slug)
    {
        if (await LoadAsync(slug) is { } denied)
        {
            return denied;
        }

        var recipe = await export.ExportAsync(slug);
        var json = recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"{slug}.recipe.json");
    }

    private DateTimeOffset? ParseLocal(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTime.TryParseExact(value, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, BeijingTime.Offset);
        }

        ModelState.AddModelError($"Round.{field}", "时间格式不正确");
        return null;
    }

    private static string? Local(DateTimeOffset? t) => t?.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var program = await service.FindAsync(slug);
        if (program is null || modules.Find(program.ModuleId) is not { } module)
        {
            return NotFound();
        }

        if (!User.EditsFor(program.OwnerAuthorityCode, await places.GetAsync()))
        {
            return Forbid();
        }

        (Program, Module) = (program, module);
        Rounds = await rounds.RoundsOfAsync(program.Slug);
        (FormVersions, WorkflowVersions) = await versions.RunAsync(program);
        return null;
    }
}
