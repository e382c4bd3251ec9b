using System.Collections.Concurrent;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// Versions that never change once stored (form and workflow definitions), each read and deserialized once per process:
/// every save of an application needs its form, which for a seed form is tens of kilobytes of JSON.
/// </summary>
public sealed class VersionCache<T> where T : class
{
    private readonly ConcurrentDictionary<(string Key, int Version), T> versions = new();

    public async Task<T?> GetAsync(string key, int version, Func<Task<T?>> load)
    {
        if (versions.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var loaded = await load();
        return loaded is null ? null : versions.GetOrAdd((key, version), loaded);
    }
}
