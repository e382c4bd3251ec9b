using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IpPlatform.Kernel.Forms;

/// <summary>A form definition to and from the JSON an editor or a recipe file holds, with errors in Chinese.</summary>
public static class FormDefinitionJson
{
    private static readonly JsonSerializerOptions Readable = new(FormStore.Json)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static (FormDefinition? Definition, string? Error) Read(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject node ? Read(node, name) : (null, $"{name} 应是一个 JSON 对象");
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 不是合法的 JSON（第 {ex.LineNumber + 1} 行）");
        }
    }

    public static (FormDefinition? Definition, string? Error) Read(JsonObject node, string name)
    {
        try
        {
            return (node.Deserialize<FormDefinition>(FormStore.Json), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{name} 字段“{ex.Path?.TrimStart('$', '.')}”：不认识的属性或值的类型不正确");
        }
    }

    public static string Write(FormDefinition definition) => JsonSerializer.Serialize(definition, Readable);
}
