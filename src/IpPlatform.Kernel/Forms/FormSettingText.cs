using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IpPlatform.Kernel.Forms;

/// <summary>
/// A form's words may quote a program setting — <c>{setting:minCoreAreaSquareMetres}</c> in a label, hint, guide,
/// declaration or section title — so a city's copy of a module shows its own threshold (“核心区面积不少于800平方米”) where
/// the province's shows 500. The form is resolved for a program's effective settings when it is loaded for a filing;
/// a form that quotes nothing is returned as it is.
/// </summary>
public static partial class FormSettingText
{
    [GeneratedRegex(@"\{setting:([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    private static readonly ConcurrentDictionary<(string Form, string Settings), FormDefinition> Resolved = new();

    /// <summary>The setting names a form quotes (for the recipe check that each exists).</summary>
    public static IEnumerable<string> Quoted(FormDefinition form) =>
        Texts(form).SelectMany(t => Placeholder().Matches(t).Select(m => m.Groups[1].Value)).Distinct();

    /// <summary>The form with every quoted setting replaced by its value in <paramref name="settings"/> (cached per form version and settings).</summary>
    public static FormDefinition Resolve(FormDefinition form, string reference, JsonObject settings)
    {
        if (!Texts(form).Any(t => t.Contains("{setting:", StringComparison.Ordinal)))
        {
            return form;
        }

        if (Resolved.Count > 512)
        {
            Resolved.Clear();   // forms × programs are few; a bound keeps edits from growing it for ever
        }

        return Resolved.GetOrAdd((reference, settings.ToJsonString()), _ => Apply(form, settings));
    }

    private static FormDefinition Apply(FormDefinition form, JsonObject settings)
    {
        string? R(string? text) => text is null ? null : Placeholder().Replace(text, m => Show(settings[m.Groups[1].Value]));
        return form with
        {
            Instructions = R(form.Instructions),
            Sections = form.Sections.Select(s => s with
            {
                Title = R(s.Title)!,
                Fields = s.Fields.Select(f => f with
                {
                    Label = R(f.Label)!, Hint = R(f.Hint), Guide = R(f.Guide), Text = R(f.Text),
                    Columns = f.Columns?.Select(c => c with { Label = R(c.Label)! }).ToList(),
                    FixedRows = f.FixedRows?.Select(r => R(r)!).ToList(),
                }).ToList(),
            }).ToList(),
            Attachments = form.Attachments?.Select(a => a with { Label = R(a.Label)!, Hint = R(a.Hint) }).ToList(),
            Declarations = form.Declarations?.Select(d => d with { Title = R(d.Title)!, Text = R(d.Text)! }).ToList(),
        };
    }

    private static string Show(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue(out decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture),
        JsonValue v => v.ToString(),
        _ => "?",
    };

    private static IEnumerable<string> Texts(FormDefinition form)
    {
        if (form.Instructions is { } instructions)
        {
            yield return instructions;
        }

        foreach (var s in form.Sections)
        {
            yield return s.Title;
            foreach (var f in s.Fields)
            {
                foreach (var t in new[] { f.Label, f.Hint, f.Guide, f.Text }.Concat(f.Columns?.Select(c => c.Label) ?? []).Concat(f.FixedRows ?? []))
                {
                    if (t is not null)
                    {
                        yield return t;
                    }
                }
            }
        }

        foreach (var a in form.AttachmentList)
        {
            yield return a.Label;
            if (a.Hint is not null)
            {
                yield return a.Hint;
            }
        }

        foreach (var d in form.DeclarationList)
        {
            yield return d.Title;
            yield return d.Text;
        }
    }
}
