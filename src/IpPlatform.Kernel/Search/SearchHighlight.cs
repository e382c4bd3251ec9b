using System.Net;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// The passages of a hit that match, with the matches marked (&lt;mark&gt;) and everything else HTML-encoded — the one
/// piece of search output a page may emit unescaped. Marked character by character, so a one-character query is marked too.
/// </summary>
public static class SearchHighlight
{
    private sealed class HtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => WebUtility.HtmlEncode(originalText);
    }

    /// <summary>Up to <paramref name="fragments"/> passages of about 80 characters with <paramref name="highlight"/> (from <see cref="SearchQuery.Highlight"/>) marked; the text's start when nothing is.</summary>
    public static string Passages(Query? highlight, string? text, int fragments = 2, int fallback = 120)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (highlight is null)
        {
            return WebUtility.HtmlEncode(text.Length > fallback ? text[..fallback] + "…" : text);
        }

        var scorer = new QueryScorer(highlight, SearchQuery.HighlightField);
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlEncoder(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, 80),
        };
        var found = highlighter.GetBestFragments(SearchAnalysis.Unigram, SearchQuery.HighlightField, text, fragments)
            .Select(f => f.Replace("</mark><mark>", "", StringComparison.Ordinal)).ToList();
        return found.Count > 0 ? string.Join(" … ", found) : WebUtility.HtmlEncode(text.Length > fallback ? text[..fallback] + "…" : text);
    }
}
