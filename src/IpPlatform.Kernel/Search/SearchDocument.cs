using Lucene.Net.Documents;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// One thing search can find, as built from the current database state: its kind ("notice", "program", "publicity",
/// "directory"; for staff "application", "obligation", "award"), its address, what it says, and the facets it is filtered
/// by (authority, program, year; for staff the scope: city, district, owner). Keys (文号, credit codes) match when typed whole.
/// </summary>
public sealed record SearchDocument(
    string Kind, Guid Id, string Title, string Url, string? Body = null, string? Number = null, IReadOnlyList<string>? Keys = null,
    string? Annex = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Facets = null, DateTimeOffset? Published = null)
{
    /// <summary>The text fields, each indexed with SmartCn and as a unigram copy ("*_g").</summary>
    public static readonly IReadOnlyList<string> TextFields = ["title", "number", "body", "annex"];

    /// <summary>Longest body kept for ranking and highlighting (the highlighter's cost grows with it).</summary>
    public const int MaxBody = 20_000;

    public string DocumentKey => KeyOf(Kind, Id);

    public static string KeyOf(string kind, Guid id) => kind + ":" + id.ToString("N");

    public Document ToLucene()
    {
        var document = new Document
        {
            new StringField("id", DocumentKey, Field.Store.YES),
            new StringField("kind", Kind, Field.Store.YES),
            new StoredField("url", Url),
        };
        Text(document, "title", Title);
        Text(document, "number", Number);
        Text(document, "body", Body is { Length: > MaxBody } ? Body[..MaxBody] : Body);
        Text(document, "annex", Annex);
        if (SearchAnalysis.Key(Number) is { Length: > 0 } number)
        {
            document.Add(new StringField("key", number, Field.Store.NO));
        }

        foreach (var key in (Keys ?? []).Select(SearchAnalysis.Key).Where(k => k.Length > 0).Distinct())
        {
            document.Add(new StringField("key", key, Field.Store.NO));
        }

        foreach (var (facet, values) in Facets ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            foreach (var value in values.Where(v => v.Length > 0).Distinct())
            {
                document.Add(new StringField("f_" + facet, value, Field.Store.NO));
            }
        }

        var published = (Published ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
        document.Add(new NumericDocValuesField("published", published));
        document.Add(new StoredField("published", published));
        return document;
    }

    private static void Text(Document document, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        document.Add(new TextField(field, text, Field.Store.YES));
        document.Add(new TextField(field + SearchAnalysis.GramSuffix, text, Field.Store.NO));
    }
}
