using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Web.Pages.Editor.Programs;

/// <summary>Module settings to and from form fields ("Settings[minStaff]"), typed by the module's schema.</summary>
public static class ProgramForms
{
    public static JsonObject ToSettings(ModuleSettingsSchema schema, IDictionary<string, string?> posted)
    {
        var settings = new JsonObject();
        foreach (var d in schema.Descriptors)
        {
            if (!posted.TryGetValue(d.Key, out var raw) || string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            raw = raw.Trim();
            settings[d.Key] = d.Type == typeof(int) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? JsonValue.Create(i)
                : d.Type == typeof(decimal) && decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? JsonValue.Create(m)
                : d.Type == typeof(bool) ? JsonValue.Create(raw == "true")
                : JsonValue.Create(raw);
        }

        return settings;
    }

    public static Dictionary<string, string?> ToFields(ModuleSettingsSchema schema, JsonObject overrides)
    {
        var merged = schema.Defaults();
        foreach (var (key, value) in overrides)
        {
            merged[key] = value?.DeepClone();
        }

        return schema.Descriptors.ToDictionary(d => d.Key, string? (d) => merged[d.Key]?.ToString());
    }
}
