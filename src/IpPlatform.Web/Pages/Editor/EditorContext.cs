using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Content;

namespace IpPlatform.Web.Pages.Editor;

/// <summary>Helpers shared by the editor pages: who is acting, and form fields to and from a content body.</summary>
public static class EditorContext
{
    public static ContentActor Actor(ClaimsPrincipal user) =>
        new(user.UserId(), user.Identity?.Name ?? "");

    /// <summary>Posted fields ("Fields[title]") as a body; annexes are one title per line; empty fields are left out.</summary>
    public static JsonObject ToBody(ContentTypeDefinition type, IDictionary<string, string?> fields)
    {
        var body = new JsonObject();
        foreach (var field in type.Fields)
        {
            var value = fields.TryGetValue(field.Name, out var v) ? v?.Replace("\r\n", "\n", StringComparison.Ordinal) : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            body[field.Name] = field.Kind == ContentFieldKind.Annexes
                ? new JsonArray(value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode)new JsonObject { ["title"] = l }).ToArray())
                : JsonValue.Create(field.Kind == ContentFieldKind.Markdown ? value : value.Trim());
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
