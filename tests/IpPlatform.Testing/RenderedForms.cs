using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace IpPlatform.Testing;

/// <summary>One way a rendered form can be sent: the form's own submit, or a button with its own formaction/formmethod.</summary>
public sealed record RenderedSubmit(string Method, string Action, string Label, string? ButtonName, string? ButtonValue);

/// <summary>A form as the browser would send it: its method, target, encoding and the values of its successful controls.</summary>
public sealed record RenderedForm(string Method, string Action, bool Multipart, IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<RenderedSubmit> Submits, string Html)
{
    /// <summary>Every distinct (method, target) this form can send to, with the button that sends it.</summary>
    public IEnumerable<RenderedSubmit> Targets =>
        Submits.Count == 0 ? [new RenderedSubmit(Method, Action, "(回车提交)", null, null)] : Submits;
}

/// <summary>
/// Reads the forms of a page as a browser does (HTML forms, form-associated controls, formaction and formmethod, htmx's
/// hx-get/hx-post attributes), so tests submit what the page renders instead of URLs they build themselves.
/// </summary>
public static class RenderedForms
{
    private static readonly HtmlParser Parser = new();

    public static IReadOnlyList<RenderedForm> Parse(string html, string pageUrl)
    {
        var document = Parser.ParseDocument(html);
        var result = new List<RenderedForm>();
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            var method = Method(form.GetAttribute("method"));
            var action = Resolve(form.GetAttribute("action"), pageUrl);
            var submits = new List<RenderedSubmit>();
            foreach (var button in Controls(document, form).Where(IsSubmit))
            {
                var label = button is IHtmlInputElement input ? input.Value : button.TextContent.Trim();
                submits.Add(new RenderedSubmit(
                    button.HasAttribute("formmethod") ? Method(button.GetAttribute("formmethod")) : method,
                    button.HasAttribute("formaction") ? Resolve(button.GetAttribute("formaction"), pageUrl) : action,
                    label, button.GetAttribute("name"), button.GetAttribute("value") ?? (button.HasAttribute("name") ? "" : null)));
            }

            var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            result.Add(new RenderedForm(method, action, multipart, Values(document, form), submits, form.OuterHtml));
        }

        return result;
    }

    /// <summary>
    /// Requests htmx would make from the page (hx-get, hx-post, hx-put, hx-delete) as (method, target, values): like htmx,
    /// a request from a form, or from inside one, carries that form's values.
    /// </summary>
    public static IReadOnlyList<(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Fields)> HtmxRequests(string html, string pageUrl)
    {
        var document = Parser.ParseDocument(html);
        var result = new List<(string, string, IReadOnlyList<KeyValuePair<string, string>>)>();
        foreach (var verb in new[] { "get", "post", "put", "delete" })
        {
            foreach (var element in document.QuerySelectorAll($"[hx-{verb}]"))
            {
                var form = element as IHtmlFormElement ?? element.Closest("form") as IHtmlFormElement;
                result.Add((verb.ToUpperInvariant(), Resolve(element.GetAttribute($"hx-{verb}"), pageUrl), form is null ? [] : Values(document, form)));
            }
        }

        return result;
    }

    /// <summary>Same-origin links of the page (site-relative targets), without fragments.</summary>
    public static IReadOnlyList<string> Links(string html, string pageUrl)
    {
        var document = Parser.ParseDocument(html);
        return document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal) || h.StartsWith('?'))
            .Select(h => Resolve(h, pageUrl).Split('#')[0])
            .Distinct().ToList();
    }

    /// <summary>The one form on the page whose submit button reads <paramref name="label"/>, with that button.</summary>
    public static (RenderedForm Form, RenderedSubmit Submit) WithButton(string html, string pageUrl, string label, string? within = null)
    {
        var forms = Parse(html, pageUrl).Where(f => within is null || f.Html.Contains(within, StringComparison.Ordinal)).ToList();
        var matches = forms.SelectMany(f => f.Submits.Where(s => s.Label == label).Select(s => (f, s))).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException(
                $"{pageUrl} 没有按钮“{label}”；页面上的按钮：{string.Join("、", forms.SelectMany(f => f.Submits).Select(s => s.Label))}"),
            _ => throw new InvalidOperationException($"{pageUrl} 上有 {matches.Count} 个按钮“{label}”：用 within 指明是哪个表单"),
        };
    }

    private static bool IsSubmit(IElement element) => element switch
    {
        IHtmlButtonElement button => (button.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase),
        IHtmlInputElement input => input.Type is "submit" or "image",
        _ => false,
    };

    /// <summary>The controls that belong to the form: its descendants, and elements elsewhere naming it in form="…".</summary>
    private static IEnumerable<IElement> Controls(IDocument document, IHtmlFormElement form)
    {
        var owned = form.QuerySelectorAll("input, select, textarea, button").Where(e => !e.HasAttribute("form"));
        IEnumerable<IElement> associated = form.Id is { Length: > 0 } id ? document.QuerySelectorAll($"[form='{id}']") : [];
        return owned.Concat(associated);
    }

    private static List<KeyValuePair<string, string>> Values(IDocument document, IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var control in Controls(document, form))
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || control.HasAttribute("disabled") || IsSubmit(control))
            {
                continue;
            }

            switch (control)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked"))
                    {
                        fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "file" or "button" or "reset":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.TextContent));
                    break;
                case IHtmlSelectElement select:
                    var options = select.QuerySelectorAll("option").ToList();
                    var chosen = options.Where(o => o.HasAttribute("selected")).ToList();
                    foreach (var option in chosen.Count > 0 ? chosen : options.Take(select.HasAttribute("multiple") ? 0 : 1))
                    {
                        fields.Add(new(name, option.GetAttribute("value") ?? option.TextContent.Trim()));
                    }

                    break;
            }
        }

        return fields;
    }

    private static string Method(string? method) => string.Equals(method, "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";

    /// <summary>A target as the browser resolves it against the page's address (site-relative result).</summary>
    public static string Resolve(string? target, string pageUrl)
    {
        var page = new Uri(new Uri("http://site"), pageUrl);
        if (string.IsNullOrEmpty(target))
        {
            return page.PathAndQuery;
        }

        var resolved = new Uri(page, target);
        return resolved.Host == "site" ? resolved.PathAndQuery : resolved.ToString();
    }
}
