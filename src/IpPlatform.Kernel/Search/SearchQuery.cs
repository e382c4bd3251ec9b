using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// What a person typed, turned into a query that never fails: at most 100 characters and 10 words, every word required
/// (AND), each matched as a phrase in the words (SmartCn) and in the characters (unigrams) of the title, number, body and
/// annex names — title first — or whole as a 文号 or credit code. Query syntax (quotes, *, ?, ~, :, parentheses, AND/OR)
/// has no meaning: it is text like any other. Null when nothing searchable was typed.
/// </summary>
public static class SearchQuery
{
    public const int MaxLength = 100;

    public const int MaxWords = 10;

    private static readonly (string Field, float Boost)[] SmartFields = [("title", 4f), ("body", 1f), ("annex", 1f)];

    private static readonly (string Field, float Boost)[] GramFields = [("title_g", 3f), ("number_g", 3f), ("body_g", 0.5f), ("annex_g", 0.5f)];

    /// <summary>What to mark in a hit's text: the words typed (as <see cref="Build"/> reads them); null when nothing was.</summary>
    public static IReadOnlyList<string>? Highlight(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        input = input.Trim();
        return (input.Length > MaxLength ? input[..MaxLength] : input).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToList();
    }

    public static Query? Build(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        input = input.Trim();
        if (input.Length > MaxLength)
        {
            input = input[..MaxLength];
        }

        var smart = new QueryBuilder(SearchAnalysis.Smart);
        var gram = new QueryBuilder(SearchAnalysis.GramQuery);
        var words = new BooleanQuery();
        foreach (var word in input.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords))
        {
            var any = new BooleanQuery();
            void Add(Query? query, float boost)
            {
                if (query is not null)
                {
                    query.Boost = boost;
                    any.Add(query, Occur.SHOULD);
                }
            }

            foreach (var (field, boost) in SmartFields)
            {
                Add(smart.CreatePhraseQuery(field, word), boost);
            }

            foreach (var (field, boost) in GramFields)
            {
                Add(gram.CreatePhraseQuery(field, word), boost);
            }

            if (SearchAnalysis.Key(word) is { Length: > 0 } key)
            {
                Add(new TermQuery(new Term("key", key)), 8f);
            }

            if (any.Clauses.Count > 0)
            {
                words.Add(any, Occur.MUST);
            }
        }

        var whole = SearchAnalysis.Key(input);
        if (words.Clauses.Count == 0 && whole.Length == 0)
        {
            return null;
        }

        var top = new BooleanQuery();
        if (words.Clauses.Count > 0)
        {
            top.Add(words, Occur.SHOULD);
        }

        if (whole.Length > 0)
        {
            // "辽知发 〔2024〕 12号" typed with spaces is still one document number.
            top.Add(new TermQuery(new Term("key", whole)) { Boost = 10f }, Occur.SHOULD);
        }

        return top;
    }
}
