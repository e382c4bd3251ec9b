using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// A notice created and published at once in the caller's unit of work, for decisions that publish themselves (a
/// revocation's 公告 or 通报): it commits with the decision, or not at all. The caller evicts the public pages after.
/// </summary>
public sealed class StagePublishedContent(DbContext db, ContentStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ContentItem>> StageAsync(string type, string owner, JsonObject body, ContentActor actor, CancellationToken ct = default)
    {
        if (await store.TypeAsync(type, ct) is not { } definition)
        {
            return Outcome<ContentItem>.Fail("", $"内容类型“{type}”不存在");
        }

        var errors = await store.ValidateAsync(definition, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var item = new ContentItem
        {
            Id = Guid.CreateVersion7(), Type = type, OwnerAuthority = owner, CreatedAt = now, UpdatedAt = now, PublishedVersion = 1,
            PublishedTitle = ContentBody.Text(body, "title"), PublishedDate = ContentBody.Date(body, "date") ?? Time.BeijingTime.Today(clock),
            PublishedYear = ContentBody.Int(body, "year") ?? (ContentBody.Date(body, "date") ?? Time.BeijingTime.Today(clock)).Year,
            PublishedProgram = ContentBody.Text(body, "program") is { Length: > 0 } program ? program : null, FirstPublishedAt = now,
        };
        db.Set<ContentItem>().Add(item);
        store.AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.published", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["type"] = type, ["after"] = 1 });
        return Outcome<ContentItem>.Ok(item);
    }
}
