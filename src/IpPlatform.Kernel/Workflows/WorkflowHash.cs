using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// The hash chain of an instance's history: each entry's SHA-256 covers its own fields and the previous entry's hash,
/// so changing, removing or reordering any entry breaks every later link. Inputs are hashed in a canonical form (keys
/// sorted) because jsonb does not keep key order.
/// </summary>
public static class WorkflowHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(WorkflowHistoryEntry e)
    {
        var text = string.Join('\n',
            e.InstanceId.ToString("D"), e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture), e.ActorId?.ToString("D") ?? "", e.ActorName, e.Role, e.Authority ?? "",
            e.Action, e.ActionLabel, e.FromState, e.ToState, Sorted(e.Inputs)!.ToJsonString(Canonical), e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>SHA-256 of a JSON document in canonical form (keys sorted), e.g. a submission snapshot a history entry vouches for.</summary>
    public static string OfDocument(JsonObject document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sorted(document)!.ToJsonString(Canonical))));

    /// <summary>PostgreSQL keeps microseconds: a time is cut to them before it is hashed, so the stored row hashes the same.</summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>The first entry whose link is broken, or null when the whole chain holds.</summary>
    public static string? Verify(IReadOnlyList<WorkflowHistoryEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1)
            {
                return $"第{i + 1}条记录缺失或顺序错误（序号为{e.Sequence}）";
            }

            if (e.PreviousHash != previous)
            {
                return $"第{e.Sequence}条记录与上一条的链接不符";
            }

            if (Of(e) != e.Hash)
            {
                return $"第{e.Sequence}条记录的内容与其哈希不符（已被改动）";
            }

            previous = e.Hash;
        }

        return null;
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
