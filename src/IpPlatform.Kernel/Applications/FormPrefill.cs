using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Fields bound to the organisation's certified profile (<see cref="FormField.Profile"/>): filled from it when a filing
/// is opened (the applicant may then change an unlocked one), and the locked ones — name and 统一社会信用代码 — written
/// from the profile again at every save and at submit, so what is filed is always the certified organisation's own.
/// </summary>
public static class FormPrefill
{
    /// <summary>Fills the bound fields of the applicant's sections: every one when <paramref name="lockedOnly"/> is false and it is empty, the locked ones always.</summary>
    public static void FromProfile(FormDefinition form, string? variant, JsonObject answers, ApplicantProfile profile, bool lockedOnly = false)
    {
        foreach (var (section, field) in Bound(form, variant))
        {
            if (profile.Field(field.Profile!) is not { } value || (lockedOnly && !field.Locked))
            {
                continue;
            }

            var values = answers[section.Key] as JsonObject ?? (JsonObject)(answers[section.Key] = new JsonObject());
            if (field.Locked || string.IsNullOrEmpty(values[field.Key]?.ToString()))
            {
                values[field.Key] = value;
            }
        }
    }

    /// <summary>Puts back the locked fields' stored values over what was posted (a page cannot change them).</summary>
    public static void KeepLocked(FormDefinition form, string? variant, JsonObject posted, JsonObject stored)
    {
        foreach (var (section, field) in Bound(form, variant).Where(b => b.Field.Locked))
        {
            if (posted[section.Key] is JsonObject values)
            {
                values[field.Key] = stored[section.Key]?[field.Key]?.DeepClone();
            }
        }
    }

    private static IEnumerable<(FormSection Section, FormField Field)> Bound(FormDefinition form, string? variant) =>
        form.Sections.Where(s => s.ForApplicant && (s.Variant is null || s.Variant == variant))
            .SelectMany(s => s.Fields.Where(f => f.Profile is not null).Select(f => (s, f)));
}
