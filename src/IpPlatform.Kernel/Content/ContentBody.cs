using System.Globalization;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Content;

/// <summary>Reading and checking an item's fields against its type.</summary>
public static class ContentBody
{
    public static string Text(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static DateOnly? Date(JsonObject body, string field) =>
        DateOnly.TryParseExact(Text(body, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static int? Int(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : int.TryParse(Text(body, field), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static IReadOnlyList<(string Title, Guid? FileId)> Annexes(JsonObject body, string field) =>
        body[field] is JsonArray array
            ? array.OfType<JsonObject>()
                .Select(a => (Text(a, "title"), Guid.TryParse(Text(a, "fileId"), out var id) ? id : (Guid?)null))
                .ToList()
            : [];

    /// <summary>Problems keyed by field name; <paramref name="exists"/> checks program and round references.</summary>
    public static FieldErrors Validate(ContentTypeDefinition type, JsonObject body, Func<ContentFieldKind, string, bool> exists)
    {
        var errors = new FieldErrors();
        foreach (var (name, _) in body)
        {
            if (type.Field(name) is null)
            {
                errors.Add(name, $"“{type.DisplayName}”没有字段“{name}”");
            }
        }

        foreach (var field in type.Fields)
        {
            var node = body[field.Name];
            var text = node is JsonValue ? node.ToString() : "";
            var empty = node is null || (node is JsonValue && text.Trim().Length == 0) || (node is JsonArray a && a.Count == 0);
            if (empty)
            {
                if (field.Required)
                {
                    errors.Add(field.Name, $"请填写{field.Label}");
                }

                continue;
            }

            switch (field.Kind)
            {
                case ContentFieldKind.Text or ContentFieldKind.LongText or ContentFieldKind.Markdown:
                    if (node is not JsonValue)
                    {
                        errors.Add(field.Name, $"{field.Label}应为文字");
                    }
                    else if (field.MaxLength is { } max && text.Length > max)
                    {
                        errors.Add(field.Name, $"{field.Label}不超过{max}个字，现有{text.Length}个字");
                    }

                    break;
                case ContentFieldKind.Date when Date(body, field.Name) is null:
                    errors.Add(field.Name, $"{field.Label}应为 YYYY-MM-DD 格式的日期");
                    break;
                case ContentFieldKind.Program or ContentFieldKind.Round when !exists(field.Kind, text):
                    errors.Add(field.Name, $"{field.Label}“{text}”不存在");
                    break;
                case ContentFieldKind.Annexes when node is not JsonArray || Annexes(body, field.Name).Any(x => x.Title.Trim().Length == 0):
                    errors.Add(field.Name, $"{field.Label}的每一项都须有标题");
                    break;
            }
        }

        return errors;
    }
}
