using AngleSharp.Html.Parser;
using Markdig;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// Markdown to HTML that cannot carry script: raw HTML in the source is escaped, then an allow-list pass keeps only
/// known tags and attributes, and links only to http(s), mailto and the site itself.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HashSet<string> AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
    ];

    private static readonly HashSet<string> AllowedAttributes = ["href", "src", "alt", "title", "align", "start"];

    public static string ToSafeHtml(string? markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", Pipeline);
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var root = document.Body!;
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            var tag = element.LocalName;
            if (!AllowedTags.Contains(tag))
            {
                element.Replace(document.CreateTextNode(element.TextContent));
                continue;
            }

            foreach (var attribute in element.Attributes.ToList())
            {
                if (!AllowedAttributes.Contains(attribute.LocalName)
                    || (attribute.LocalName is "href" or "src" && !IsSafeUrl(attribute.Value)))
                {
                    element.RemoveAttribute(attribute.Name);
                }
            }

            if (tag == "a" && element.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                element.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        }

        return root.InnerHtml;
    }

    private static bool IsSafeUrl(string url)
    {
        var value = Uri.UnescapeDataString(url.Trim());
        if (value.Any(c => c == '\\' || char.IsControl(c)))
        {
            return false; // "/\evil.example" is read by browsers as another host
        }

        return value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
               || (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
               || value.StartsWith('#');
    }
}
