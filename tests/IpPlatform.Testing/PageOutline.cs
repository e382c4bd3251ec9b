using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace IpPlatform.Testing;

/// <summary>
/// What a page tells a person about where they are and what its lists hold: its title, its first heading, and the lists
/// in its main content that render nothing at all (a table body without a row, a list without an item) instead of a
/// sentence saying what to do.
/// </summary>
public sealed record PageOutline(string Title, string? Heading, IReadOnlyList<string> BlankLists)
{
    private static readonly HtmlParser Parser = new();

    public static PageOutline Read(string html)
    {
        var document = Parser.ParseDocument(html);
        var main = document.QuerySelector("main") ?? document.Body!;
        var blank = main.QuerySelectorAll("tbody, ul, ol")
            .Where(list => !list.Children.Any(child => child.LocalName is "tr" or "li"))
            .Select(Describe)
            .ToList();
        return new PageOutline(Squeeze(document.Title ?? ""), main.QuerySelector("h1") is { } h1 ? Squeeze(h1.TextContent) : null, blank);
    }

    /// <summary>
    /// Whether the title and the heading name the same place: one contains the other once spaces are ignored (the title
    /// may add what the heading leaves to the page, such as "编辑通知：" before a notice's title).
    /// </summary>
    public bool TitleMatchesHeading(string siteName)
    {
        if (Heading is not { Length: > 0 } heading)
        {
            return false;
        }

        var (title, h1) = (NoSpaces(PagePart(siteName)), NoSpaces(heading));
        return title.Contains(h1, StringComparison.Ordinal) || h1.Contains(title, StringComparison.Ordinal)
            || NoSpaces(Title).Contains(h1, StringComparison.Ordinal);
    }

    /// <summary>The title less the site name the layout appends (" - 站点名称").</summary>
    public string PagePart(string siteName) =>
        Title.EndsWith(" - " + siteName, StringComparison.Ordinal) ? Title[..^(siteName.Length + 3)] : Title == siteName ? "" : Title;

    private static string Describe(IElement list)
    {
        var owner = list.LocalName == "tbody" ? list.Closest("table") ?? list : list;
        var label = owner.Id is { Length: > 0 } id ? "#" + id
            : owner.ClassName is { Length: > 0 } css ? "." + css.Split(' ')[0]
            : "";
        var before = owner.PreviousElementSibling?.TextContent is { } text ? Squeeze(text) : "";
        return $"<{owner.LocalName}{label}>" + (before.Length > 0 ? $"（前文：{before[..Math.Min(40, before.Length)]}）" : "");
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string NoSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
