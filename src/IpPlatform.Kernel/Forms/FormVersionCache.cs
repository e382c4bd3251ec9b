using System.Collections.Concurrent;

namespace IpPlatform.Kernel.Forms;

/// <summary>
/// Form versions never change once stored, so each is read and deserialized once per process: every save of an
/// application needs its definition, which for a seed form is tens of kilobytes of JSON.
/// </summary>
public sealed class FormVersionCache
{
    private readonly ConcurrentDictionary<(string Key, int Version), FormVersion> versions = new();

    public async Task<FormVersion?> GetAsync(string key, int version, Func<Task<FormVersion?>> load)
    {
        if (versions.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var loaded = await load();
        return loaded is null ? null : versions.GetOrAdd((key, version), loaded);
    }
}
