using System.Text.Json.Nodes;

namespace IpPlatform.Kernel.Content;

/// <summary>Adds an annex (a title and a stored file) to a content item: a new draft version with the annex added.</summary>
public sealed class AddContentAnnex(ContentStore store, SaveContentDraft saveDraft)
{
    /// <param name="field">The item type's annexes field.</param>
    public async Task<Outcome<ContentItem>> AddAsync(Guid id, string field, string title, Guid fileId, ContentActor actor, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } item)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        var body = (JsonObject)(await store.VersionAsync(id, item.LatestVersion, ct))!.Body.DeepClone();
        var annexes = body[field] as JsonArray ?? [];
        annexes.Add(new JsonObject { ["title"] = title, ["fileId"] = fileId.ToString() });
        body[field] = annexes.DeepClone();
        return await saveDraft.SaveAsync(id, body, item.LatestVersion, actor, ct);
    }
}
