using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>Creates a content item of a type, its first version a draft (a recipe passes the key it seeds the item under).</summary>
public sealed class CreateContent(DbContext db, ContentStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ContentItem>> CreateAsync(string type, string owner, JsonObject body, ContentActor actor, string? recipeKey = null, CancellationToken ct = default)
    {
        var definition = await store.TypeAsync(type, ct);
        if (definition is null)
        {
            return Outcome<ContentItem>.Fail("", $"内容类型“{type}”不存在");
        }

        var errors = await store.ValidateAsync(definition, body, ct);
        if (errors.Any)
        {
            return Outcome<ContentItem>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var item = new ContentItem { Id = Guid.CreateVersion7(), Type = type, OwnerAuthority = owner, CreatedAt = now, UpdatedAt = now, RecipeKey = recipeKey };
        db.Set<ContentItem>().Add(item);
        store.AddVersion(item, body, actor, restoredFrom: null);
        audit.Add("content.created", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["type"] = type, ["version"] = 1 });
        await db.SaveChangesAsync(ct);
        return Outcome<ContentItem>.Ok(item);
    }
}
