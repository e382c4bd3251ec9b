namespace IpPlatform.Kernel.Files;

/// <summary>
/// The ClamAV daemon every upload is scanned by (section <see cref="Section"/>). Without a host, uploads are not scanned;
/// with one, an upload that cannot be scanned is refused.
/// </summary>
public sealed class ClamAvOptions
{
    public const string Section = "Uploads:ClamAv";

    /// <summary>clamd's TCP address (its <c>TCPAddr</c>); empty: no scanning.</summary>
    public string? Host { get; set; }

    /// <summary>clamd's <c>TCPSocket</c>.</summary>
    public int Port { get; set; } = 3310;

    /// <summary>
    /// The most bytes clamd accepts in one stream: its own <c>StreamMaxLength</c> (clamd's default, 25 MB). A larger file
    /// is refused without being sent, since clamd would cut it off unscanned.
    /// </summary>
    public long StreamMaxLength { get; set; } = 25L * 1024 * 1024;

    /// <summary>How long a scan may take, from connecting to clamd's answer; longer counts as the scanner failing.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
