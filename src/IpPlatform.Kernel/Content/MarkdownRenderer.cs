using Ganss.Xss;
using Markdig;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// Markdown to HTML that cannot carry script: raw HTML in the source is escaped (Markdig), then HtmlSanitizer keeps only
/// the tags and attributes below (no style, no class, no target, no CSS), and links only to http(s), mailto and the site
/// itself; an element it drops leaves its text. External links open without handing the page over (rel=noopener …).
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string? markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
                "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "align", "start" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
        })
        {
            KeepChildNodes = true,
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsSafeUrl(e.OriginalUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link
                && link.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }

    /// <summary>Absolute http(s) and mailto, or a path of this site (never "//host" or "/\host", which browsers read as another host).</summary>
    private static bool IsSafeUrl(string url)
    {
        var value = Uri.UnescapeDataString(url.Trim());
        if (value.Any(c => c == '\\' || char.IsControl(c)))
        {
            return false;
        }

        return value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
               || (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
               || value.StartsWith('#');
    }
}
