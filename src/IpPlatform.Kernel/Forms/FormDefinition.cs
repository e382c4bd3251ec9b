using System.Text.Json;

namespace IpPlatform.Kernel.Forms;

public enum FieldKind
{
    Text,
    LongText,
    Integer,
    Money,
    Percent,
    Date,
    YearMonth,
    Choice,
    MultiChoice,
    YesNo,
    Split,
    YearTable,
    Table,
    Declaration,
}

public sealed record YearRow(string Key, string Label, FieldKind Kind = FieldKind.Integer, string? Unit = null);

public sealed record TableColumn(string Key, string Label, FieldKind Kind = FieldKind.Text, bool Required = true, string? Unit = null);

public sealed record TotalLimit(string Column, decimal Max);

/// <summary>One field of a form, as docs/forms-format.md describes it; properties not used by its kind stay null.</summary>
public sealed record FormField(
    string Key,
    string Label,
    FieldKind Kind,
    bool Required = true,
    string? Hint = null,
    string? Guide = null,
    int? MaxLength = null,
    decimal? Min = null,
    decimal? Max = null,
    string? Unit = null,
    IReadOnlyList<string>? Options = null,
    bool Other = false,
    IReadOnlyList<int>? Years = null,
    IReadOnlyList<YearRow>? Rows = null,
    bool Total = false,
    IReadOnlyList<TableColumn>? Columns = null,
    int? MinRows = null,
    int? MaxRows = null,
    IReadOnlyList<string>? FixedRows = null,
    IReadOnlyList<string>? Totals = null,
    TotalLimit? MaxTotal = null,
    string? Text = null,
    string? Profile = null)
{
    public const string OtherOption = "其他（请注明）";

    /// <summary>
    /// Fields a form may take from the organisation's certified profile (<see cref="Profile"/>): prefilled when a filing
    /// is opened. <c>name</c> and <c>creditCode</c> are locked — always the profile's, whatever is posted (seed 004 附件2:
    /// the system fills them and they cannot be changed there) — so no one can file under another organisation's code.
    /// </summary>
    public static readonly IReadOnlyList<string> ProfileFields =
        ["name", "creditCode", "address", "legalRepresentative", "contactPerson", "contactMobile", "contactEmail", "staffCount", "establishedOn", "registeredCapital"];

    public static readonly IReadOnlyList<string> LockedProfileFields = ["name", "creditCode"];

    public bool Locked => Profile is not null && LockedProfileFields.Contains(Profile);

    public int TextLimit => MaxLength ?? (Kind == FieldKind.LongText ? 5000 : 200);
}

public sealed record SectionCondition(string Field, [property: System.Text.Json.Serialization.JsonPropertyName("equals")] JsonElement Value);

public sealed record FormSection(
    string Key, string Title, IReadOnlyList<FormField> Fields, string FilledBy = "applicant", string? Variant = null, SectionCondition? When = null)
{
    public bool ForApplicant => FilledBy == "applicant";
}

public sealed record FormVariant(string Key, string Label, IReadOnlyList<string> OrganisationTypes);

/// <param name="Hint">What the document must contain (e.g. the contents a seed requires of a plan).</param>
public sealed record FormAttachmentSlot(string Key, string Label, bool Required = true, IReadOnlyList<string>? Types = null, int MaxMb = 20, string? Hint = null)
{
    /// <summary>The file types a slot may name; a slot that names none accepts all of them.</summary>
    public static readonly IReadOnlyList<string> AllTypes = Enum.GetNames<Files.FileKind>().Select(n => n.ToLowerInvariant()).ToList();

    /// <summary>What this slot accepts, as the file store checks it (types by content, size).</summary>
    public Files.UploadRules Rules() =>
        new((Types ?? AllTypes).Select(t => Enum.Parse<Files.FileKind>(t, ignoreCase: true)).ToList(), MaxMb * 1024L * 1024);
}

public sealed record FormDeclaration(string Key, string Title, string Text, bool Required = true);

/// <summary>A form: sections of fields, attachment slots and declarations, with variants by applicant type.</summary>
public sealed record FormDefinition(
    string Key,
    string Title,
    IReadOnlyList<FormSection> Sections,
    string? Seed = null,
    string? Instructions = null,
    IReadOnlyList<FormVariant>? Variants = null,
    IReadOnlyList<FormAttachmentSlot>? Attachments = null,
    IReadOnlyList<FormDeclaration>? Declarations = null)
{
    public IReadOnlyList<FormVariant> VariantList => Variants ?? [];

    public IReadOnlyList<FormAttachmentSlot> AttachmentList => Attachments ?? [];

    public IReadOnlyList<FormDeclaration> DeclarationList => Declarations ?? [];

    /// <summary>The variant for an organisation type (by its enum name), or null when the form has none for it.</summary>
    public string? VariantFor(string organisationType) =>
        VariantList.FirstOrDefault(v => v.OrganisationTypes.Contains(organisationType))?.Key;

    public FormField? Field(string path)
    {
        var dot = path.IndexOf('.');
        return dot < 0 ? null : Sections.FirstOrDefault(s => s.Key == path[..dot])?.Fields.FirstOrDefault(f => f.Key == path[(dot + 1)..]);
    }
}
