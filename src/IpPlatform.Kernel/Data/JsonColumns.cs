using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpPlatform.Kernel.Data;

/// <summary>The value converters and comparers of the kernel's <c>jsonb</c> columns, shared by the entity configurations.</summary>
internal static class JsonColumns
{
    internal static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal static ValueConverter<T, string> DocumentConverter<T>() where T : new() => new(
        v => JsonSerializer.Serialize(v, DocumentJson),
        v => JsonSerializer.Deserialize<T>(v, DocumentJson) ?? new T());

    internal static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());

    /// <summary>Chinese text is written as is, not as \u escapes: a third of the bytes to write and send (never rendered as HTML).</summary>
    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON document (object or array) to and from its text; compared by content, snapshotted by copy.</summary>
    private static ValueConverter<T, string> NodeConverter<T>() where T : JsonNode => new(
        v => v.ToJsonString(StoredJson),
        v => (T)JsonNode.Parse(v, null, default)!);

    private static ValueComparer<T> NodeComparer<T>() where T : JsonNode => new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString(StoredJson).GetHashCode(StringComparison.Ordinal),
        v => (T)JsonNode.Parse(v.ToJsonString(StoredJson), null, default)!);

    internal static readonly ValueConverter<JsonArray, string> JsonArrayConverter = NodeConverter<JsonArray>();

    internal static readonly ValueComparer<JsonArray> JsonArrayComparer = NodeComparer<JsonArray>();

    internal static readonly ValueConverter<JsonObject, string> JsonObjectConverter = NodeConverter<JsonObject>();

    internal static readonly ValueConverter<JsonObject?, string?> NullableJsonObjectConverter = new(
        v => v == null ? null : v.ToJsonString(StoredJson),
        v => v == null ? null : JsonNode.Parse(v, null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject?> NullableJsonObjectComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v == null ? 0 : v.ToJsonString(StoredJson).GetHashCode(StringComparison.Ordinal),
        v => v == null ? null : JsonNode.Parse(v.ToJsonString(StoredJson), null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject> JsonObjectComparer = NodeComparer<JsonObject>();
}
