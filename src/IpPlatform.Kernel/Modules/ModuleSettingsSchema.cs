using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IpPlatform.Kernel.Modules;

/// <summary>One setting of a module: its key, Chinese label, help text and default.</summary>
public sealed record ModuleSettingDescriptor(string Key, string Label, string? Description, Type Type, object? Default);

/// <summary>A failed setting: the key and a Chinese message naming it.</summary>
public sealed record SettingError(string Key, string Message);

/// <summary>
/// The typed settings of a module. Program instances store their settings as JSON; this class binds that JSON onto
/// the settings type (unknown keys refused), fills the defaults, and validates with data annotations.
/// </summary>
public sealed class ModuleSettingsSchema
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private ModuleSettingsSchema(Type type, IReadOnlyList<ModuleSettingDescriptor> descriptors)
    {
        SettingsType = type;
        Descriptors = descriptors;
    }

    public Type SettingsType { get; }

    public IReadOnlyList<ModuleSettingDescriptor> Descriptors { get; }

    public static ModuleSettingsSchema For<TSettings>() where TSettings : class, new()
    {
        var defaults = new TSettings();
        var descriptors = typeof(TSettings)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite)
            .Select(p =>
            {
                var display = p.GetCustomAttribute<DisplayAttribute>();
                return new ModuleSettingDescriptor(
                    JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                    display?.Name ?? p.Name,
                    display?.Description,
                    p.PropertyType,
                    p.GetValue(defaults));
            })
            .ToList();
        return new ModuleSettingsSchema(typeof(TSettings), descriptors);
    }

    /// <summary>The defaults as a JSON object.</summary>
    public JsonObject Defaults() =>
        JsonSerializer.SerializeToNode(Activator.CreateInstance(SettingsType), SettingsType, Json)!.AsObject();

    /// <summary>The defaults with the known keys of <paramref name="overrides"/> laid over them: what a program applies.</summary>
    public JsonObject Effective(JsonObject? overrides)
    {
        var merged = Defaults();
        foreach (var (key, value) in overrides ?? [])
        {
            if (Descriptors.Any(d => d.Key == key))
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    /// <summary>Binds <paramref name="overrides"/> (may be null) over the defaults and validates the result.</summary>
    public IReadOnlyList<SettingError> Validate(JsonObject? overrides, out object? settings)
    {
        settings = null;
        var errors = new List<SettingError>();
        var merged = Defaults();
        foreach (var (key, value) in overrides ?? [])
        {
            if (Descriptors.All(d => d.Key != key))
            {
                errors.Add(new SettingError(key, $"未知的设置项“{key}”"));
                continue;
            }

            merged[key] = value?.DeepClone();
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        try
        {
            settings = merged.Deserialize(SettingsType, Json);
        }
        catch (JsonException ex)
        {
            var key = ex.Path?.TrimStart('$', '.') ?? "";
            return [new SettingError(key, $"设置项“{LabelOf(key)}”的值类型不正确")];
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings!, new ValidationContext(settings!), results, validateAllProperties: true))
        {
            foreach (var r in results)
            {
                var member = r.MemberNames.FirstOrDefault() ?? "";
                var key = JsonNamingPolicy.CamelCase.ConvertName(member);
                errors.Add(new SettingError(key, $"设置项“{LabelOf(key)}”：{r.ErrorMessage}"));
            }

            settings = null;
        }

        return errors;
    }

    private string LabelOf(string key) => Descriptors.FirstOrDefault(d => d.Key == key)?.Label ?? key;
}
