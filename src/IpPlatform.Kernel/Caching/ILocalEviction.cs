namespace IpPlatform.Kernel.Caching;

/// <summary>
/// Something an instance holds in memory and must drop when another instance changes what it was made from: a topic
/// (reference data, public pages, the search pulse, registered clients) and how to drop a key of it here, or all of it.
/// </summary>
public interface ILocalEviction
{
    /// <summary>The topic notifications name (no colon).</summary>
    string Topic { get; }

    /// <summary>Drops <paramref name="key"/> (everything of the topic when null) on this instance only, never broadcasting.</summary>
    void EvictLocally(string? key);
}
