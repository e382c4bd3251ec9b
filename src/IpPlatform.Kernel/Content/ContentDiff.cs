using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Content;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffKind Kind, string Text);

public sealed record FieldDiff(string Field, string Label, IReadOnlyList<DiffLine> Lines)
{
    public bool Changed => Lines.Any(l => l.Kind != DiffKind.Same);
}

/// <summary>A readable, line-by-line difference between two versions, field by field (longest common subsequence).</summary>
public static class ContentDiff
{
    public static IReadOnlyList<FieldDiff> Compare(ContentTypeDefinition type, JsonObject before, JsonObject after) =>
        type.Fields
            .Select(f => new FieldDiff(f.Name, f.Label, Lines(Text(before[f.Name]), Text(after[f.Name]))))
            .ToList();

    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var a = before.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var b = after.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[x]));
                (x, y) = (x + 1, y + 1);
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                result.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        result.AddRange(a[x..].Select(l => new DiffLine(DiffKind.Removed, l)));
        result.AddRange(b[y..].Select(l => new DiffLine(DiffKind.Added, l)));
        return result;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray array => string.Join("\n", array.Select(e => e is JsonObject o ? (string?)o["title"] ?? o.ToJsonString() : e?.ToString())),
        _ => node.ToJsonString(),
    };
}
