using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;

namespace IpPlatform.Kernel.Content;

/// <summary>Copies an old version into a new draft (the published version does not change).</summary>
public sealed class RestoreContentVersion(ContentStore store, AuditLog audit)
{
    public async Task<Outcome<ContentItem>> RestoreAsync(Guid id, int version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await store.FindAsync(id, ct);
        var old = item is null ? null : await store.VersionAsync(id, version, ct);
        if (item is null || old is null)
        {
            return Outcome<ContentItem>.Fail("", "要恢复的版本不存在");
        }

        var before = item.LatestVersion;
        store.AddVersion(item, (JsonObject)old.Body.DeepClone(), actor, restoredFrom: version);
        audit.Add("content.restored", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["from"] = version, ["before"] = before, ["after"] = item.LatestVersion });
        return await store.SaveAsync(item, ct);
    }
}
