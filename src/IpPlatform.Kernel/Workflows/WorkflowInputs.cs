using System.Globalization;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// The inputs an actor gave with an action, checked against the action's definition: text trimmed and bounded, items
/// one per line, dates from today on (Beijing), choices among their options. Files and form sections arrive already
/// processed by the subject; here only their presence is checked. Every problem names its field, in Chinese.
/// </summary>
public static class WorkflowInputs
{
    public const int MaxItems = 50;
    public const int MaxItemLength = 500;
    public const int MaxInteger = 9999;

    public static Outcome<JsonObject> Clean(WorkflowAction action, JsonObject given, DateOnly today)
    {
        var errors = new FieldErrors();
        var cleaned = new JsonObject();
        foreach (var input in action.InputList)
        {
            var value = given[input.Key];
            switch (input.Kind)
            {
                case WorkflowInputKind.File or WorkflowInputKind.Section:
                    if (value is JsonObject node)
                    {
                        cleaned[input.Key] = node.DeepClone();
                    }
                    else if (input.Required)
                    {
                        errors.Add(input.Key, input.Kind == WorkflowInputKind.File ? $"请上传“{input.Label}”" : $"请填写“{input.Label}”");
                    }

                    break;
                case WorkflowInputKind.Items:
                    var items = (value?.ToString() ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                    if (items.Count == 0 && input.Required)
                    {
                        errors.Add(input.Key, $"请至少列出一项“{input.Label}”");
                    }
                    else if (items.Count > MaxItems || items.Any(i => i.Length > MaxItemLength))
                    {
                        errors.Add(input.Key, $"“{input.Label}”最多{MaxItems}项，每项不超过{MaxItemLength}字");
                    }
                    else if (items.Count > 0)
                    {
                        cleaned[input.Key] = new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
                    }

                    break;
                default:
                    var text = (value?.ToString() ?? "").Trim();
                    if (text.Length == 0)
                    {
                        if (input.Required)
                        {
                            errors.Add(input.Key, input.Kind is WorkflowInputKind.Choice or WorkflowInputKind.Date ? $"请选择“{input.Label}”" : $"请填写“{input.Label}”");
                        }

                        break;
                    }

                    if (CheckScalar(input, text, today) is { } problem)
                    {
                        errors.Add(input.Key, problem);
                        break;
                    }

                    cleaned[input.Key] = text;
                    break;
            }
        }

        return errors.Any ? Outcome<JsonObject>.Fail(errors) : Outcome<JsonObject>.Ok(cleaned);
    }

    private static string? CheckScalar(WorkflowInput input, string text, DateOnly today)
    {
        switch (input.Kind)
        {
            case WorkflowInputKind.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return $"“{input.Label}”应为日期（年-月-日）";
                }

                if (input.Past)
                {
                    return date > today ? $"“{input.Label}”不能晚于今天（{today:yyyy-MM-dd}）"
                        : date < today.AddYears(-1) ? $"“{input.Label}”不能早于一年以前"
                        : null;
                }

                return date < today ? $"“{input.Label}”不能早于今天（{today:yyyy-MM-dd}）"
                    : date > today.AddYears(1) ? $"“{input.Label}”不能晚于一年以后"
                    : null;
            case WorkflowInputKind.Integer:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= MaxInteger ? null
                    : $"“{input.Label}”应为0至{MaxInteger}之间的整数";
            case WorkflowInputKind.Choice:
                return input.Options!.Contains(text) ? null : $"“{input.Label}”只能从所列选项中选择";
            default:
                return text.Length > input.TextLimit ? $"“{input.Label}”不能超过{input.TextLimit}字（现有{text.Length}字）" : null;
        }
    }

    /// <summary>An input as plain text for notifications and tables: items joined, files by name.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        JsonArray items => string.Join("；", items.Select((item, i) => $"{i + 1}. {item}")),
        JsonObject o when o["name"] is { } name => name.ToString(),
        JsonObject => "（见申报书）",
        null => "",
        _ => value.ToString(),
    };
}
