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

    public static (FormDefinition? Definition, string? Error) Read(string text, string name) =>
        Recipes.DefinitionJson.Read<FormDefinition>(text, name, FormStore.Json);

    public static (FormDefinition? Definition, string? Error) Read(JsonObject node, string name) =>
        Recipes.DefinitionJson.Read<FormDefinition>(node, name, FormStore.Json);

    public static string Write(FormDefinition definition) => JsonSerializer.Serialize(definition, Readable);
}
