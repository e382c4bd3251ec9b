using System.Globalization;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Forms;

/// <summary>One problem of a submitted form: where (for the link), and a Chinese message naming the field.</summary>
public sealed record FormProblem(string Section, string Anchor, string Message);

/// <summary>
/// Answers are kept as typed: every value is the string the applicant entered, arranged by the form's structure
/// ({ section: { field: value } }). Drafts therefore never lose input, however wrong; numbers are parsed when the form is
/// checked or totals are shown.
/// </summary>
public static class FormAnswers
{
    public const string OtherSuffix = ".other";

    /// <summary>The HTML id of a field (the error summary links to it).</summary>
    public static string Anchor(string section, string field) => $"f-{section}-{field}";

    /// <summary>The form field name of a value: a.section.field[.part...]</summary>
    public static string Name(string section, string field, params object[] parts) =>
        string.Join('.', new object[] { "a", section, field }.Concat(parts));

    /// <summary>Builds the answers from posted form values (only the applicant's visible sections are read).</summary>
    public static JsonObject FromForm(FormDefinition form, IEnumerable<FormSection> sections, Func<string, IReadOnlyList<string>> posted)
    {
        var answers = new JsonObject();
        foreach (var section in sections)
        {
            var values = new JsonObject();
            foreach (var field in section.Fields)
            {
                string One(params object[] parts) => Clip(posted(Name(section.Key, field.Key, parts)).FirstOrDefault(), field);
                JsonNode? value = field.Kind switch
                {
                    FieldKind.MultiChoice => new JsonArray(posted(Name(section.Key, field.Key))
                        .Where(v => field.Options!.Contains(v) || (field.Other && v == FormField.OtherOption)).Distinct().Select(v => (JsonNode)v).ToArray()),
                    FieldKind.Split => new JsonObject(field.Options!.Select((o, i) => KeyValuePair.Create(o, (JsonNode?)One(i)))),
                    FieldKind.YearTable => new JsonObject(field.Rows!.Select(r => KeyValuePair.Create(r.Key,
                        (JsonNode?)new JsonObject(field.Years!.Select(y => KeyValuePair.Create(y.ToString(CultureInfo.InvariantCulture), (JsonNode?)One(r.Key, y))))))),
                    FieldKind.Table => TableFromForm(field, section, posted),
                    FieldKind.Declaration or FieldKind.YesNo => One(),
                    _ => Clip(posted(Name(section.Key, field.Key)).FirstOrDefault(), field),
                };
                values[field.Key] = value;
                if (field.Other)
                {
                    values[field.Key + OtherSuffix] = One("other");
                }
            }

            answers[section.Key] = values;
        }

        return answers;
    }

    private static JsonArray TableFromForm(FormField field, FormSection section, Func<string, IReadOnlyList<string>> posted)
    {
        var rows = new JsonArray();
        var count = field.FixedRows?.Count
            ?? (int.TryParse(posted(Name(section.Key, field.Key, "rows")).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        count = Math.Clamp(count, 0, MaxRows(field));
        for (var i = 0; i < count; i++)
        {
            rows.Add(new JsonObject(field.Columns!.Select(c =>
                KeyValuePair.Create(c.Key, (JsonNode?)Clip(posted(Name(section.Key, field.Key, i, c.Key)).FirstOrDefault(), c)))));
        }

        return rows;
    }

    /// <summary>How many rows a growing table may have (fixed tables have exactly their rows).</summary>
    public static int MaxRows(FormField table) => table.FixedRows?.Count ?? table.MaxRows ?? 50;

    /// <summary>
    /// A draft keeps what was typed, but within reason: a value far beyond its field's limit (which submit reports) is
    /// cut, so no post can make an application's answers unboundedly large.
    /// </summary>
    private static string Clip(string? value, FormField field) => Clip(value, field.Kind, field.TextLimit);

    private static string Clip(string? value, TableColumn column) => Clip(value, column.Kind, column.Kind == FieldKind.LongText ? 5000 : 200);

    private static string Clip(string? value, FieldKind kind, int textLimit)
    {
        var text = value?.Trim() ?? "";
        var ceiling = kind is FieldKind.Text or FieldKind.LongText ? Math.Max(textLimit * 2, 400) : 100;
        return text.Length > ceiling ? text[..ceiling] : text;
    }

    public static string Text(JsonObject answers, string section, string field) =>
        answers[section]?[field] is JsonValue v ? v.ToString() : "";

    public static JsonNode? Node(JsonObject answers, string section, string field) => answers[section]?[field];

    /// <summary>The sections an applicant of <paramref name="variant"/> sees and fills, in order.</summary>
    public static IEnumerable<FormSection> ApplicantSections(FormDefinition form, string? variant, JsonObject answers) =>
        form.Sections.Where(s => s.ForApplicant && (s.Variant is null || s.Variant == variant) && Applies(s, answers));

    private static bool Applies(FormSection section, JsonObject answers)
    {
        if (section.When is not { } when)
        {
            return true;
        }

        var dot = when.Field.IndexOf('.');
        var actual = Text(answers, when.Field[..dot], when.Field[(dot + 1)..]);
        return string.Equals(actual, when.Value.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The 合计 of a table column (cells that are not numbers count as 0).</summary>
    public static decimal ColumnTotal(JsonNode? table, string column) =>
        table is JsonArray rows ? rows.OfType<JsonObject>().Sum(r => Number(r[column]?.ToString()) ?? 0) : 0;

    /// <summary>The 累计数 of a year-table row.</summary>
    public static decimal RowTotal(JsonNode? yearTable, string row) =>
        yearTable?[row] is JsonObject years ? years.Sum(y => Number(y.Value?.ToString()) ?? 0) : 0;

    /// <summary>Everything wrong with the answers for submission, field by field, in form order.</summary>
    public static IReadOnlyList<FormProblem> Validate(FormDefinition form, string? variant, JsonObject answers, ISet<string> acceptedDeclarations)
    {
        var problems = ApplicantSections(form, variant, answers).SelectMany(section => ValidateSection(section, answers)).ToList();

        foreach (var declaration in form.DeclarationList.Where(d => d.Required && !acceptedDeclarations.Contains(d.Key)))
        {
            problems.Add(new FormProblem("declarations", $"d-{declaration.Key}", $"请阅读并确认“{declaration.Title}”"));
        }

        return problems;
    }

    /// <summary>Everything wrong with one section's answers (also used for the sections reviewers fill).</summary>
    public static IEnumerable<FormProblem> ValidateSection(FormSection section, JsonObject answers) =>
        section.Fields.SelectMany(field => Check(field, Node(answers, section.Key, field.Key), answers[section.Key]?[field.Key + OtherSuffix]?.ToString())
            .Select(message => new FormProblem(section.Key, Anchor(section.Key, field.Key), message)));

    private static IEnumerable<string> Check(FormField field, JsonNode? value, string? other)
    {
        var label = field.Label;
        var text = value is JsonValue ? value.ToString().Trim() : "";
        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.LongText:
                if (text.Length == 0)
                {
                    if (field.Required)
                    {
                        yield return $"请填写“{label}”";
                    }
                }
                else if (text.Length > field.TextLimit)
                {
                    yield return $"“{label}”不超过{field.TextLimit}字，现有{text.Length}字";
                }

                break;
            case FieldKind.Integer or FieldKind.Money or FieldKind.Percent:
                if (text.Length == 0)
                {
                    if (field.Required)
                    {
                        yield return $"请填写“{label}”";
                    }
                }
                else if (NumberProblem(field.Kind, text, field.Min, field.Max, field.Unit) is { } problem)
                {
                    yield return $"“{label}”{problem}";
                }

                break;
            case FieldKind.Date or FieldKind.YearMonth:
                var format = field.Kind == FieldKind.Date ? "yyyy-MM-dd" : "yyyy-MM";
                if (text.Length == 0)
                {
                    if (field.Required)
                    {
                        yield return $"请填写“{label}”";
                    }
                }
                else if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    yield return $"“{label}”应为{(field.Kind == FieldKind.Date ? "年-月-日" : "年-月")}格式的日期";
                }

                break;
            case FieldKind.Choice:
                if (text.Length == 0)
                {
                    if (field.Required)
                    {
                        yield return $"请选择“{label}”";
                    }
                }
                else if (text == FormField.OtherOption && field.Other)
                {
                    if (string.IsNullOrWhiteSpace(other))
                    {
                        yield return $"“{label}”选择了其他，请注明";
                    }
                }
                else if (!field.Options!.Contains(text))
                {
                    yield return $"“{label}”的选项无效";
                }

                break;
            case FieldKind.MultiChoice:
                var chosen = value is JsonArray a ? a.Select(x => x?.ToString() ?? "").ToList() : [];
                if (chosen.Count == 0 && field.Required)
                {
                    yield return $"请至少选择一项“{label}”";
                }
                else if (chosen.Any(c => c != FormField.OtherOption && !field.Options!.Contains(c)))
                {
                    yield return $"“{label}”有无效的选项";
                }
                else if (chosen.Contains(FormField.OtherOption) && string.IsNullOrWhiteSpace(other))
                {
                    yield return $"“{label}”选择了其他，请注明";
                }

                break;
            case FieldKind.YesNo:
                if (text is not ("true" or "false") && field.Required)
                {
                    yield return $"请选择“{label}”";
                }

                break;
            case FieldKind.Declaration:
                if (text != "true" && field.Required)
                {
                    yield return $"请阅读并确认“{label}”";
                }

                break;
            case FieldKind.Split:
                var parts = field.Options!.Select(o => value?[o]?.ToString()?.Trim() ?? "").ToList();
                if (parts.All(p => p.Length == 0))
                {
                    if (field.Required)
                    {
                        yield return $"请填写“{label}”";
                    }

                    break;
                }

                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i].Length > 0 && NumberProblem(FieldKind.Percent, parts[i], 0, 100, null) is { } problem)
                    {
                        yield return $"“{label}”中“{field.Options![i]}”{problem}";
                    }
                }

                var total = parts.Sum(p => Number(p) ?? 0);
                if (total != 100)
                {
                    yield return $"“{label}”各项合计应为100%，现为{total:0.##}%";
                }

                break;
            case FieldKind.YearTable:
                foreach (var row in field.Rows!)
                {
                    foreach (var year in field.Years!)
                    {
                        var cell = value?[row.Key]?[year.ToString(CultureInfo.InvariantCulture)]?.ToString()?.Trim() ?? "";
                        if (cell.Length == 0)
                        {
                            if (field.Required)
                            {
                                yield return $"请填写“{label}”中{year}年的“{row.Label}”";
                            }
                        }
                        else if (NumberProblem(row.Kind, cell, row.Kind == FieldKind.Percent ? 0 : null, row.Kind == FieldKind.Percent ? 100 : null, row.Unit) is { } problem)
                        {
                            yield return $"“{label}”中{year}年的“{row.Label}”{problem}";
                        }
                    }
                }

                break;
            case FieldKind.Table:
                foreach (var message in CheckTable(field, value as JsonArray ?? []))
                {
                    yield return message;
                }

                break;
        }
    }

    private static IEnumerable<string> CheckTable(FormField field, JsonArray rows)
    {
        var label = field.Label;
        var filled = rows.OfType<JsonObject>().Where(r => r.Any(c => (c.Value?.ToString()?.Trim() ?? "").Length > 0)).ToList();
        var min = field.FixedRows?.Count ?? field.MinRows ?? (field.Required ? 1 : 0);
        if (field.FixedRows is null && filled.Count < min)
        {
            yield return min == 1 ? $"“{label}”至少填写一行" : $"“{label}”至少填写{min}行";
        }

        if (filled.Count > (field.MaxRows ?? 50))
        {
            yield return $"“{label}”最多{field.MaxRows ?? 50}行";
        }

        var checkedRows = field.FixedRows is null ? filled : rows.OfType<JsonObject>().ToList();
        for (var i = 0; i < checkedRows.Count; i++)
        {
            var rowName = field.FixedRows is { } fixedRows && i < fixedRows.Count ? $"“{fixedRows[i]}”行" : $"第{i + 1}行";
            foreach (var column in field.Columns!)
            {
                var cell = checkedRows[i][column.Key]?.ToString()?.Trim() ?? "";
                if (cell.Length == 0)
                {
                    if (column.Required && field.Required)
                    {
                        yield return $"请填写“{label}”{rowName}的“{column.Label}”";
                    }
                }
                else if (column.Kind is FieldKind.Integer or FieldKind.Money or FieldKind.Percent
                         && NumberProblem(column.Kind, cell, null, null, column.Unit) is { } problem)
                {
                    yield return $"“{label}”{rowName}的“{column.Label}”{problem}";
                }
                else if (column.Kind is FieldKind.Date or FieldKind.YearMonth
                         && !DateTime.TryParseExact(cell, column.Kind == FieldKind.Date ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    yield return $"“{label}”{rowName}的“{column.Label}”应为{(column.Kind == FieldKind.Date ? "年-月-日" : "年-月")}格式的日期";
                }
            }
        }

        if (field.MaxTotal is { } limit)
        {
            var total = ColumnTotal(rows, limit.Column);
            var unit = field.Columns!.First(c => c.Key == limit.Column).Unit ?? "";
            if (total > limit.Max)
            {
                yield return $"“{label}”合计不得超过{limit.Max:0.##}{unit}，现为{total:0.##}{unit}";
            }
        }
    }

    private static string? NumberProblem(FieldKind kind, string text, decimal? min, decimal? max, string? unit)
    {
        var number = Number(text);
        if (number is null)
        {
            return kind == FieldKind.Integer ? "应为整数" : "应为数字";
        }

        if (kind == FieldKind.Integer && number != decimal.Truncate(number.Value))
        {
            return "应为整数";
        }

        if (kind is FieldKind.Money or FieldKind.Percent && decimal.Round(number.Value, 2) != number)
        {
            return "最多保留两位小数";
        }

        var floor = min ?? (kind is FieldKind.Money or FieldKind.Percent or FieldKind.Integer ? 0 : null);
        var ceiling = max ?? (kind == FieldKind.Percent ? 100 : null);
        if (floor is { } lo && number < lo)
        {
            return $"不能小于{lo:0.##}{unit}";
        }

        if (ceiling is { } hi && number > hi)
        {
            return $"不能大于{hi:0.##}{unit}";
        }

        return null;
    }
}
