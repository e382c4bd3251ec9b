using IpPlatform.Kernel.Content;

namespace IpPlatform.Kernel.Tests;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Headings_lists_tables_and_links_survive()
    {
        var html = MarkdownRenderer.ToSafeHtml("## 一、申报主体\n\n1. 第一项\n2. 第二项\n\n| 项目 | 分值 |\n|---|---|\n| 经费投入 | 10 |\n\n[国家知识产权局](https://www.cnipa.gov.cn)");

        html.ShouldContain("<h2>一、申报主体</h2>");
        html.ShouldContain("<li>第一项</li>");
        html.ShouldContain("<td>经费投入</td>");
        html.ShouldContain("<a href=\"https://www.cnipa.gov.cn\" rel=\"noopener noreferrer nofollow\">国家知识产权局</a>");
    }

    [Fact]
    public void Images_keep_their_text_alternative_and_site_links_stay_as_written()
    {
        var html = MarkdownRenderer.ToSafeHtml("![申报流程图](/files/flow.png \"流程\")\n\n见[附件](/notices/1#annex)，~~已废止~~");

        html.ShouldContain("<img src=\"/files/flow.png\" alt=\"申报流程图\" title=\"流程\">");
        html.ShouldContain("<a href=\"/notices/1#annex\">附件</a>");
        html.ShouldContain("<del>已废止</del>");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("[x](data:text/html,<script>)", "data:")]
    [InlineData("![x](//evil.example/pixel.png)", "//evil.example")]
    [InlineData("[x](/\\evil.example)", "evil.example")]
    [InlineData("[x](vbscript:msgbox)", "vbscript:")]
    [InlineData("<a href=\"https://a.example\" target=\"_blank\" style=\"color:red\">x</a>", "<a ")]
    public void Raw_html_and_script_urls_never_reach_the_page(string markdown, string forbidden)
    {
        MarkdownRenderer.ToSafeHtml(markdown).ShouldNotContain(forbidden);
    }
}
