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
        section.Fields.SelectMany(field => FieldChecks.Check(field, Node(answers, section.Key, field.Key), answers[section.Key]?[field.Key + OtherSuffix]?.ToString())
            .Select(message => new FormProblem(section.Key, Anchor(section.Key, field.Key), message)));
}
