using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Admin.ContentTypeEditor;

/// <summary>
/// Content types are data: province administrators add or change one by editing its definition, which runs as a
/// "content-types" recipe step: the same validation, idempotency and audit trail as a recipe file.
/// </summary>
public sealed class IndexModel(Kernel.Content.ContentTypes types, RecipeRunner runner, AuditLog audit) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];

    [BindProperty]
    public string? Definition { get; set; }

    public async Task<IActionResult> OnGetAsync(string? name)
    {
        if (!IsProvinceAdministrator())
        {
            return Forbid();
        }

        Types = await types.AllAsync();
        var chosen = Types.FirstOrDefault(t => t.Name == name);
        object shown = chosen is null
            ? new { name = "NewType", displayName = "新内容类型", fields = new object[] { new { name = "title", label = "标题", kind = "text", required = true, maxLength = 200 } } }
            : new { name = chosen.Name, displayName = chosen.DisplayName, fields = chosen.Fields };
        Definition = JsonSerializer.Serialize(shown, Json);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsProvinceAdministrator())
        {
            return Forbid();
        }

        Types = await types.AllAsync();
        JsonObject definition;
        try
        {
            if (JsonNode.Parse(Definition ?? "") is not JsonObject parsed)
            {
                ModelState.AddModelError(nameof(Definition), "定义应是一个 JSON 对象：{ \"name\": …, \"displayName\": …, \"fields\": [ … ] }");
                return Page();
            }

            definition = parsed;
        }
        catch (JsonException ex)
        {
            ModelState.AddModelError(nameof(Definition), $"不是合法的 JSON（第 {ex.LineNumber + 1} 行）");
            return Page();
        }

        var recipe = new JsonObject
        {
            ["name"] = "admin-content-type",
            ["steps"] = new JsonArray(new JsonObject { ["step"] = "content-types", ["types"] = new JsonArray(definition) }),
        };
        try
        {
            var result = await runner.RunAsync(new RecipeSource("内容类型定义", recipe.ToJsonString()));
            await audit.RecordAsync("content-type.saved", objectType: "content-type", objectId: (definition["name"] as JsonValue)?.ToString(),
                details: new JsonObject { ["changes"] = result.Changes, ["definition"] = definition.DeepClone() });
            TempData["Status"] = result.Changes > 0 ? "内容类型已保存。" : "内容类型没有变化。";
            return Redirect($"/admin/content-types?name={Uri.EscapeDataString((definition["name"] as JsonValue)?.ToString() ?? "")}");
        }
        catch (RecipeValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(nameof(Definition), $"{error.Field}：{error.Message}".TrimStart('：'));
            }

            return Page();
        }
    }

    private bool IsProvinceAdministrator() => User.HoldsAtProvince(StaffRole.Administrator);
}
