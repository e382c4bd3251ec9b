using IpPlatform.Kernel.Content;

namespace IpPlatform.Web.Pages.Notices;

/// <summary>A notice version ready to show: its fields, and its Markdown body rendered safely.</summary>
public sealed record NoticeView(
    string Title, string? DocumentNumber, string Issuer, DateOnly? Date, string? Program, string? Round, string BodyHtml,
    IReadOnlyList<(string Title, Guid? FileId)> Annexes, IReadOnlyList<(string Label, string Value)> Contact, string OwnerAgency,
    string? AnnexBaseUrl = null)
{
    /// <summary><paramref name="annexBaseUrl"/>: where annex files download from (public pages only; previews list titles).</summary>
    public static NoticeView From(ContentVersion version, string ownerAgency, string? annexBaseUrl = null)
    {
        var b = version.Body;
        string? Optional(string field) => ContentBody.Text(b, field) is { Length: > 0 } v ? v : null;
        var contact = new[] { ("联系人", "contactPerson"), ("电话", "contactPhone"), ("地址", "contactAddress"), ("邮箱", "contactEmail") }
            .Select(c => (c.Item1, ContentBody.Text(b, c.Item2)))
            .Where(c => c.Item2.Length > 0)
            .ToList();
        return new NoticeView(
            ContentBody.Text(b, "title"), Optional("documentNumber"), ContentBody.Text(b, "issuer"), ContentBody.Date(b, "date"),
            Optional("program"), Optional("round"), MarkdownRenderer.ToSafeHtml(ContentBody.Text(b, "body")),
            ContentBody.Annexes(b, "annexes"), contact, ownerAgency, annexBaseUrl);
    }
}
