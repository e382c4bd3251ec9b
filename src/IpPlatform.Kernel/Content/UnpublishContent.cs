using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;

namespace IpPlatform.Kernel.Content;

/// <summary>Takes a published content item down: the public no longer see it; its versions stay.</summary>
public sealed class UnpublishContent(ContentStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ContentItem>> UnpublishAsync(Guid id, ContentActor actor, CancellationToken ct = default)
    {
        var item = await store.FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        if (item.PublishedVersion is not { } before)
        {
            return Outcome<ContentItem>.Fail("", "该内容未发布");
        }

        (item.PublishedVersion, item.PublishedTitle, item.PublishedDate, item.PublishedYear, item.PublishedProgram, item.PublishedRound) =
            (null, null, null, null, null, null);
        item.UpdatedAt = clock.GetUtcNow();
        audit.Add("content.unpublished", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = null });
        return await store.SaveAsync(item, ct);
    }
}
