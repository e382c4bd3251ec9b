using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// A whole number written in a declaration: a literal ("2"), a program setting ("setting:constructionYears", so a
/// city's copy applies its own value) or an input of the action that applies it ("input:rectificationMonths").
/// </summary>
public static class ValueExpression
{
    public const string SettingPrefix = "setting:";
    public const string InputPrefix = "input:";

    public static int? Int(string? expression, JsonObject settings, JsonObject? inputs = null) =>
        Node(expression, settings, inputs) is JsonValue v && int.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A number (万元, say) written the same ways: a literal, a setting or an input.</summary>
    public static decimal? Decimal(string? expression, JsonObject settings, JsonObject? inputs = null) =>
        Node(expression, settings, inputs) is JsonValue v && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static JsonNode? Node(string? expression, JsonObject settings, JsonObject? inputs) =>
        string.IsNullOrWhiteSpace(expression) ? null
        : expression.StartsWith(SettingPrefix, StringComparison.Ordinal) ? settings[expression[SettingPrefix.Length..]]
        : expression.StartsWith(InputPrefix, StringComparison.Ordinal) ? inputs?[expression[InputPrefix.Length..]]
        : JsonValue.Create(expression);

    /// <summary>Why <paramref name="expression"/> cannot be read for <paramref name="module"/>; null when it can.</summary>
    public static string? Problem(string? expression, ProgramModule module, bool inputsAllowed = false, bool decimalAllowed = false)
    {
        if (expression is null)
        {
            return null;
        }

        if (expression.StartsWith(SettingPrefix, StringComparison.Ordinal))
        {
            var key = expression[SettingPrefix.Length..];
            var setting = module.Settings.Descriptors.FirstOrDefault(d => d.Key == key);
            return setting is null ? $"模块设置中没有“{key}”"
                : setting.Type != typeof(int) && !(decimalAllowed && setting.Type == typeof(decimal)) ? $"设置“{key}”不是{(decimalAllowed ? "数" : "整数")}" : null;
        }

        if (expression.StartsWith(InputPrefix, StringComparison.Ordinal))
        {
            return inputsAllowed && expression.Length > InputPrefix.Length ? null : "此处不能引用操作的输入";
        }

        return decimalAllowed ? (decimal.TryParse(expression, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? null : $"“{expression}”应为数或 setting:设置名")
            : int.TryParse(expression, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"“{expression}”应为整数或 setting:设置名";
    }
}
