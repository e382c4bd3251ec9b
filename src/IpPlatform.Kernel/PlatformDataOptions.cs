namespace IpPlatform.Kernel;

/// <summary>Where the platform keeps files on disk (section "Platform"): uploads and, in development, outgoing mail.</summary>
public sealed class PlatformDataOptions
{
    /// <summary>Absolute, or relative to the content root. Shared storage when several instances run.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public string FilesDirectory => Path.Combine(DataDirectory, "files");
}
