namespace IpPlatform.Kernel;

/// <summary>Where the platform keeps files on disk (section "Platform"): uploads and, in development, outgoing mail.</summary>
public sealed class PlatformDataOptions
{
    /// <summary>Absolute, or relative to the content root. Shared storage when several instances run.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Uploads, by SHA-256 (what a backup carries).</summary>
    public string FilesDirectory => Path.Combine(DataDirectory, "files");

    /// <summary>Each instance's search indexes, rebuilt from the database when missing (a restore removes them).</summary>
    public string SearchDirectory => Path.Combine(DataDirectory, "search");
}
