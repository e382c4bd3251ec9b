using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;

namespace IpPlatform.Web.Pages.Editor;

/// <summary>Helpers shared by the editor pages: who is acting, and form fields to and from a content body.</summary>
public static class EditorContext
{
    /// <summary>The editor's sections and the content types they edit; the public address of each.</summary>
    public static readonly IReadOnlyDictionary<string, (string Type, string PublicPath, string Name)> Sections =
        new Dictionary<string, (string, string, string)>
        {
            ["notices"] = (NoticeQueries.NoticeType, "/notices", "通知"),
            ["pages"] = ("Page", "/pages", "页面"),
        };

    public const string SectionConstraint = "regex(^(notices|pages)$)";

    public static ContentActor Actor(ClaimsPrincipal user) =>
        new(user.UserId(), user.Identity?.Name ?? "");

    /// <summary>
    /// Posted fields ("Fields[title]") as a body; annexes are one title per line and keep the file attached to the same
    /// title in <paramref name="previous"/>; empty fields are left out.
    /// </summary>
    public static JsonObject ToBody(ContentTypeDefinition type, IDictionary<string, string?> fields, JsonObject? previous = null)
    {
        var body = new JsonObject();
        foreach (var field in type.Fields)
        {
            var value = fields.TryGetValue(field.Name, out var v) ? v?.Replace("\r\n", "\n", StringComparison.Ordinal) : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (field.Kind == ContentFieldKind.Annexes)
            {
                var files = previous is null ? [] : ContentBody.Annexes(previous, field.Name)
                    .Where(a => a.FileId is not null).GroupBy(a => a.Title).ToDictionary(g => g.Key, g => g.First().FileId!.Value);
                body[field.Name] = new JsonArray(value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                    .Select(l => (JsonNode)(files.TryGetValue(l, out var file)
                        ? new JsonObject { ["title"] = l, ["fileId"] = file.ToString() }
                        : new JsonObject { ["title"] = l }))
                    .ToArray());
            }
            else
            {
                body[field.Name] = JsonValue.Create(field.Kind == ContentFieldKind.Markdown ? value : value.Trim());
            }
        }

        return body;
    }

    public static Dictionary<string, string?> ToFields(ContentTypeDefinition type, JsonObject body) =>
        type.Fields.ToDictionary(
            f => f.Name,
            string? (f) => f.Kind == ContentFieldKind.Annexes
                ? string.Join("\n", ContentBody.Annexes(body, f.Name).Select(a => a.Title))
                : ContentBody.Text(body, f.Name));
}
