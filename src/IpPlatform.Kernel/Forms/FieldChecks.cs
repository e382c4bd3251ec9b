using System.Globalization;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Forms;

/// <summary>
/// The submission rules of one field's answer, by kind: required, length, number format and range, date format, valid
/// choices, a split adding up to 100%, every cell of a year table or table, and a table's row counts and total.
/// </summary>
internal static class FieldChecks
{
    /// <summary>What is wrong with one field's answer (<paramref name="other"/>: its "please specify" text), as messages naming the field.</summary>
    public static IEnumerable<string> Check(FormField field, JsonNode? value, string? other)
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

                var total = parts.Sum(p => FormAnswers.Number(p) ?? 0);
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
            var total = FormAnswers.ColumnTotal(rows, limit.Column);
            var unit = field.Columns!.First(c => c.Key == limit.Column).Unit ?? "";
            if (total > limit.Max)
            {
                yield return $"“{label}”合计不得超过{limit.Max:0.##}{unit}，现为{total:0.##}{unit}";
            }
        }
    }

    private static string? NumberProblem(FieldKind kind, string text, decimal? min, decimal? max, string? unit)
    {
        var number = FormAnswers.Number(text);
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
