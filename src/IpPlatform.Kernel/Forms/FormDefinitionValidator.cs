using System.Text.RegularExpressions;

namespace IpPlatform.Kernel.Forms;

/// <summary>Checks a definition before it is stored: every problem with its JSON path, in Chinese.</summary>
public static partial class FormDefinitionValidator
{
    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex FormKey();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex PartKey();

    private static readonly HashSet<string> FilledBy = ["applicant", "district", "city", "province"];


    private static readonly HashSet<FieldKind> CellKinds =
        [FieldKind.Text, FieldKind.LongText, FieldKind.Integer, FieldKind.Money, FieldKind.Percent, FieldKind.Date, FieldKind.YearMonth];

    public static IReadOnlyList<(string Path, string Message)> Validate(FormDefinition form)
    {
        var errors = new List<(string, string)>();
        void Error(string path, string message) => errors.Add((path, message));
        if (!FormKey().IsMatch(form.Key ?? ""))
        {
            Error("key", "表单标识只能由小写字母、数字、点和连字符组成");
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            Error("title", "缺少表单名称");
        }

        var variants = form.VariantList.Select(v => v.Key).ToHashSet();
        var sectionKeys = new HashSet<string>();
        for (var s = 0; s < form.Sections.Count; s++)
        {
            var section = form.Sections[s];
            var at = $"sections[{s}]";
            if (!PartKey().IsMatch(section.Key ?? "") || !sectionKeys.Add(section.Key!))
            {
                Error($"{at}.key", $"部分标识“{section.Key}”须为字母开头的字母数字组合，且不重复");
            }

            if (!FilledBy.Contains(section.FilledBy))
            {
                Error($"{at}.filledBy", "填写方只能是 applicant、district、city、province");
            }

            if (section.Variant is { } variant && !variants.Contains(variant))
            {
                Error($"{at}.variant", $"没有名为“{variant}”的表单类别");
            }

            if (section.When is { } when && form.Field(when.Field) is null)
            {
                Error($"{at}.when.field", $"条件所指的字段“{when.Field}”不存在");
            }

            var fieldKeys = new HashSet<string>();
            for (var f = 0; f < section.Fields.Count; f++)
            {
                var field = section.Fields[f];
                var fat = $"{at}.fields[{f}]";
                if (!PartKey().IsMatch(field.Key ?? "") || !fieldKeys.Add(field.Key!))
                {
                    Error($"{fat}.key", $"字段标识“{field.Key}”须为字母开头的字母数字组合，且在本部分不重复");
                }

                if (string.IsNullOrWhiteSpace(field.Label))
                {
                    Error($"{fat}.label", "缺少字段名称");
                }

                ValidateField(field, fat, Error);
                if (field.Profile is not null && section.When is not null)
                {
                    Error($"{fat}.profile", "有显示条件的部分（如联合申报单位）不能取本单位信息");
                }
            }
        }

        var slots = new HashSet<string>();
        for (var a = 0; a < form.AttachmentList.Count; a++)
        {
            var slot = form.AttachmentList[a];
            if (!PartKey().IsMatch(slot.Key ?? "") || !slots.Add(slot.Key!))
            {
                Error($"attachments[{a}].key", $"附件标识“{slot.Key}”无效或重复");
            }

            if (slot.Types?.Any(t => !FormAttachmentSlot.AllTypes.Contains(t)) == true)
            {
                Error($"attachments[{a}].types", $"文件类型只能是 {string.Join("、", FormAttachmentSlot.AllTypes)}");
            }

            if (slot.MaxMb is < 1 or > 100)
            {
                Error($"attachments[{a}].maxMb", "大小上限应在 1 到 100 MB 之间");
            }
        }

        var declarations = new HashSet<string>();
        for (var d = 0; d < form.DeclarationList.Count; d++)
        {
            if (!PartKey().IsMatch(form.DeclarationList[d].Key ?? "") || !declarations.Add(form.DeclarationList[d].Key))
            {
                Error($"declarations[{d}].key", "声明标识无效或重复");
            }

            if (string.IsNullOrWhiteSpace(form.DeclarationList[d].Text))
            {
                Error($"declarations[{d}].text", "缺少声明正文");
            }
        }

        return errors;
    }

    /// <summary>Bounds that keep one application's answers small however a form is edited.</summary>
    public const int MaxRowsLimit = 200;

    public const int MaxLengthLimit = 20_000;

    private static void ValidateField(FormField field, string at, Action<string, string> error)
    {
        // Option, row, year and column keys become JSON property names of the answers: duplicates would break every save.
        if (field.Options is { } options && options.Distinct().Count() != options.Count)
        {
            error($"{at}.options", "选项重复");
        }

        if (field.Rows is { } rows && rows.Select(r => r.Key).Distinct().Count() != rows.Count)
        {
            error($"{at}.rows", "行标识重复");
        }

        if (field.Years is { } years && (years.Distinct().Count() != years.Count || years.Any(y => y is < 1990 or > 2100)))
        {
            error($"{at}.years", "年份重复或不在1990至2100之间");
        }

        if (field.MaxRows is > MaxRowsLimit || field.FixedRows is { Count: > MaxRowsLimit })
        {
            error($"{at}.maxRows", $"表格最多{MaxRowsLimit}行");
        }

        if (field.MaxLength is < 1 or > MaxLengthLimit)
        {
            error($"{at}.maxLength", $"字数上限应在1至{MaxLengthLimit}之间");
        }

        if (field.Profile is { } profile)
        {
            if (!FormField.ProfileFields.Contains(profile))
            {
                error($"{at}.profile", $"单位信息字段只能是：{string.Join("、", FormField.ProfileFields)}");
            }
            else if (field.Kind is not (FieldKind.Text or FieldKind.LongText or FieldKind.Integer or FieldKind.Money or FieldKind.Date))
            {
                error($"{at}.profile", "只有文本、数字和日期字段可以取单位信息");
            }
        }

        switch (field.Kind)
        {
            case FieldKind.Choice or FieldKind.MultiChoice or FieldKind.Split when field.Options is not { Count: > 0 }:
                error($"{at}.options", "选择题须列出选项");
                break;
            case FieldKind.YearTable:
                if (field.Years is not { Count: > 0 })
                {
                    error($"{at}.years", "逐年表须列出年份");
                }

                if (field.Rows is not { Count: > 0 })
                {
                    error($"{at}.rows", "逐年表须列出行");
                }
                else if (field.Rows.Any(r => r.Kind is not (FieldKind.Integer or FieldKind.Money or FieldKind.Percent)))
                {
                    error($"{at}.rows", "逐年表的行只能是 integer、money 或 percent");
                }

                break;
            case FieldKind.Table:
                if (field.Columns is not { Count: > 0 })
                {
                    error($"{at}.columns", "表格须列出列");
                    break;
                }

                if (field.Columns.Any(c => !CellKinds.Contains(c.Kind)))
                {
                    error($"{at}.columns", "表格的列只能是 text、longText、integer、money、percent、date、yearMonth");
                }

                if (field.Columns.Select(c => c.Key).Distinct().Count() != field.Columns.Count)
                {
                    error($"{at}.columns", "列标识重复");
                }

                foreach (var total in field.Totals ?? [])
                {
                    if (field.Columns.FirstOrDefault(c => c.Key == total) is not { Kind: FieldKind.Integer or FieldKind.Money or FieldKind.Percent })
                    {
                        error($"{at}.totals", $"合计列“{total}”须是数字列");
                    }
                }

                if (field.MaxTotal is { } limit && field.Columns.All(c => c.Key != limit.Column))
                {
                    error($"{at}.maxTotal.column", $"列“{limit.Column}”不存在");
                }

                if (field.MinRows is < 0 || (field.MaxRows is { } maxRows && maxRows < (field.MinRows ?? 1)))
                {
                    error($"{at}.maxRows", "行数上下限不正确");
                }

                break;
            case FieldKind.Declaration when string.IsNullOrWhiteSpace(field.Text):
                error($"{at}.text", "声明须有正文");
                break;
        }
    }
}
