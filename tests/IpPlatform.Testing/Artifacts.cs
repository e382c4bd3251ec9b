namespace IpPlatform.Testing;

/// <summary>Where tests leave files for people to look at (screenshots): IPP_ARTIFACTS, set by ./ipp test.</summary>
public static class Artifacts
{
    public static string Directory(string kind)
    {
        var root = Environment.GetEnvironmentVariable("IPP_ARTIFACTS") is { Length: > 0 } r
            ? r
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        var path = Path.Combine(root, kind);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
