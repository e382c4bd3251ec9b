namespace IpPlatform.Kernel.Caching;

/// <summary>"key@3" (as rounds pin a form or workflow version) or "key" alone (the latest).</summary>
public static class VersionReference
{
    public static (string Key, int? Version) Parse(string reference)
    {
        var at = reference.LastIndexOf('@');
        return at > 0 && int.TryParse(reference[(at + 1)..], out var version) ? (reference[..at], version) : (reference, null);
    }
}
