using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;

namespace IpPlatform.Kernel.Content;

/// <summary>Saves a new draft version of a content item (the published version does not change).</summary>
public sealed class SaveContentDraft(ContentStore store, AuditLog audit)
{
    /// <summary>Saves a new draft version. <paramref name="basedOn"/> is the latest version the editor saw: if someone saved since, the save is refused.</summary>
    public async Task<Outcome<ContentItem>> SaveAsync(Guid id, JsonObject body, int basedOn, ContentActor actor, CancellationToken ct = default)
    {
        var item = await store.FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        if (item.LatestVersion != basedOn)
        {
            return Outcome<ContentItem>.Fail("", $"他人已在您打开后保存了第{item.LatestVersion}版。请复制您的修改，刷新页面后再保存");
        }

        var errors = await store.ValidateAsync((await store.TypeAsync(item.Type, ct))!, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var before = item.LatestVersion;
        store.AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.saved", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = item.LatestVersion });
        return await store.SaveAsync(item, ct);
    }
}
