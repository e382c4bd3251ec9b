using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IpPlatform.Web.TagHelpers;

/// <summary>
/// <c>&lt;form-field for="Input.Name" /&gt;</c>: a labelled Bootstrap field that keeps what the user typed, marks
/// itself invalid and shows its Chinese error under it, linked by aria-describedby. Add <c>options</c> for a select.
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>text, email, tel, password, date, number, textarea; select when <see cref="Options"/> is set.</summary>
    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    public string? Autocomplete { get; set; }

    public IEnumerable<SelectListItem>? Options { get; set; }

    /// <summary>The first entry of a select, e.g. "请选择".</summary>
    public string? Placeholder { get; set; }

    public bool? Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var label = For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? name;
        var required = Required ?? For.Metadata.IsRequired;
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var value = Type == "password" ? "" : state?.AttemptedValue ?? Format(For.Model);
        var describedBy = string.Join(' ', new[] { Hint is null ? null : $"{id}-hint", errors.Count > 0 ? $"{id}-error" : null }.Where(x => x is not null));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "mb-3");
        var html = new System.Text.StringBuilder();
        html.Append($"<label class=\"form-label\" for=\"{id}\">{E(label)}{(required ? "<span class=\"text-danger\" aria-hidden=\"true\"> *</span>" : "")}</label>");
        var common = $"id=\"{id}\" name=\"{E(name)}\"{(required ? " required aria-required=\"true\"" : "")}" +
                     (errors.Count > 0 ? " aria-invalid=\"true\"" : "") +
                     (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") +
                     (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"");
        var invalid = errors.Count > 0 ? " is-invalid" : "";
        if (Options is not null)
        {
            html.Append($"<select class=\"form-select{invalid}\" {common}>");
            if (Placeholder is not null)
            {
                html.Append($"<option value=\"\">{E(Placeholder)}</option>");
            }

            foreach (var option in Options)
            {
                var selected = option.Value == value ? " selected" : "";
                html.Append($"<option value=\"{E(option.Value)}\"{selected}>{E(option.Text)}</option>");
            }

            html.Append("</select>");
        }
        else if (Type == "textarea")
        {
            html.Append($"<textarea class=\"form-control{invalid}\" rows=\"4\" {common}>{E(value)}</textarea>");
        }
        else
        {
            html.Append($"<input class=\"form-control{invalid}\" type=\"{E(Type)}\" {common} value=\"{E(value)}\" />");
        }

        if (Hint is not null)
        {
            html.Append($"<div id=\"{id}-hint\" class=\"form-text\">{E(Hint)}</div>");
        }

        if (errors.Count > 0)
        {
            html.Append($"<div id=\"{id}-error\" class=\"invalid-feedback\">{string.Join("<br />", errors.Select(E))}</div>");
        }

        output.Content.SetHtmlContent(html.ToString());
    }

    private string E(string? text) => encoder.Encode(text ?? "");

    private static string Format(object? model) => model switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString() ?? "",
    };
}
