using System.Text.RegularExpressions;

namespace IpPlatform.Web.Tests.Architecture;

/// <summary>
/// Page folders mirror routes: the page answering /review/… is under Pages/Review, /applications/… under
/// Pages/Applications. Checked on the first segment of every page's route against its top folder (or, for a page at the
/// root, its file name). One exception, named here: /pages/{id} lives in Pages/ContentPages (a folder called Pages inside
/// Pages would read as the root).
/// </summary>
public sealed partial class PageFoldersMirrorRoutesTests
{
    private static readonly Dictionary<string, string> Exceptions = new() { ["ContentPages"] = "pages" };

    [Fact]
    public void Every_pages_top_folder_is_the_first_segment_of_its_route()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "IpPlatform.Web", "Pages");
        var found = Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Select(file => (File: Path.GetRelativePath(pages, file), Route: PageDirective().Match(File.ReadLines(file).FirstOrDefault() ?? "")))
            .Where(p => p.Route.Success)
            .ToList();
        found.Count.ShouldBeGreaterThan(50, "every page is read");

        var misplaced = found.Where(p =>
        {
            var route = p.Route.Groups["route"].Value.TrimStart('/');
            var first = route.Split('/')[0];
            var top = p.File.Split(Path.DirectorySeparatorChar) is [var only] ? Path.GetFileNameWithoutExtension(only) : p.File.Split(Path.DirectorySeparatorChar)[0];
            var expected = Exceptions.GetValueOrDefault(top) ?? (top == "Index" ? "" : top.ToLowerInvariant());
            return !string.Equals(first.Replace("-", "", StringComparison.Ordinal), expected, StringComparison.OrdinalIgnoreCase);
        }).Select(p => $"{p.File} answers /{p.Route.Groups["route"].Value.TrimStart('/')}").ToList();

        misplaced.ShouldBeEmpty();
    }

    [GeneratedRegex("""^@page(\s+"(?<route>[^"]*)")?\s*$""")]
    private static partial Regex PageDirective();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IpPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
