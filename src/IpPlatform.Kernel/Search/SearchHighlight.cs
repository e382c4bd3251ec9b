using System.Net;
using System.Text;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// The passages of a hit that match, with the words typed marked (&lt;mark&gt;) wherever the text uses them (ignoring
/// case) and everything else HTML-encoded — the one piece of search output a page may emit unescaped. The index found
/// the hit; marking is plain text search in the stored text, so it costs microseconds per hit instead of analyzing the
/// text again (Lucene's highlighter built an in-memory index of every hit: a third of a search's time).
/// </summary>
public static class SearchHighlight
{
    /// <summary>Characters shown before the first mark of a passage.</summary>
    private const int Lead = 20;

    /// <summary>
    /// Up to <paramref name="fragments"/> passages of about <paramref name="length"/> characters, each around the densest
    /// marks, in the text's order; the text's start (<paramref name="fallback"/> characters) when no word is in it.
    /// </summary>
    public static string Passages(IReadOnlyList<string>? words, string? text, int fragments = 2, int fallback = 120, int length = 80)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var marks = words is null ? [] : Marks(words, text);
        if (marks.Count == 0)
        {
            return WebUtility.HtmlEncode(text.Length > fallback ? text[..fallback] + "…" : text);
        }

        // Each mark may start a passage; the passages holding most marks win, without overlapping one another.
        var windows = marks.Select(m => Window(m.Start, text.Length, length))
            .Select(w => (w.Start, w.End, Count: marks.Count(m => m.Start >= w.Start && m.End <= w.End)))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Start)
            .Aggregate(new List<(int Start, int End, int Count)>(), (chosen, w) =>
            {
                if (chosen.Count < fragments && chosen.All(c => w.End <= c.Start || w.Start >= c.End))
                {
                    chosen.Add(w);
                }

                return chosen;
            })
            .OrderBy(w => w.Start);
        return string.Join(" … ", windows.Select(w => Marked(text, w.Start, w.End, marks)));
    }

    /// <summary>Where the words occur, overlapping and adjacent occurrences joined, in order.</summary>
    private static List<(int Start, int End)> Marks(IReadOnlyList<string> words, string original)
    {
        var text = Folded(original);
        var found = new List<(int Start, int End)>();
        foreach (var word in words.Where(w => w.Length > 0).Select(Folded).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0 && found.Count < 1000;
                 at = at + word.Length < text.Length ? text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase) : -1)
            {
                found.Add((at, at + word.Length));
            }
        }

        var joined = new List<(int Start, int End)>();
        foreach (var mark in found.OrderBy(m => m.Start))
        {
            if (joined.Count > 0 && mark.Start <= joined[^1].End)
            {
                joined[^1] = (joined[^1].Start, Math.Max(joined[^1].End, mark.End));
            }
            else
            {
                joined.Add(mark);
            }
        }

        return joined;
    }

    /// <summary>Full-width letters, digits and signs as their ASCII selves (as the index reads them), one for one, so positions hold.</summary>
    private static string Folded(string text) => string.Create(text.Length, text, (folded, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            folded[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
        }
    });

    private static (int Start, int End) Window(int mark, int textLength, int length)
    {
        var start = Math.Max(0, Math.Min(mark - Lead, textLength - length));
        return (start, Math.Min(textLength, start + length));
    }

    private static string Marked(string text, int start, int end, List<(int Start, int End)> marks)
    {
        var html = new StringBuilder();
        var at = start;
        foreach (var (markStart, markEnd) in marks.Where(m => m.End > start && m.Start < end))
        {
            var from = Math.Max(markStart, start);
            var to = Math.Min(markEnd, end);
            html.Append(WebUtility.HtmlEncode(text[at..from])).Append("<mark>").Append(WebUtility.HtmlEncode(text[from..to])).Append("</mark>");
            at = to;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..end])).ToString();
    }
}
