using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;

namespace IpPlatform.Kernel.Content;

/// <summary>Points a content item at one of its versions (the latest when none is named): the public now see that version.</summary>
public sealed class PublishContent(ContentStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ContentItem>> PublishAsync(Guid id, int? version, ContentActor actor, CancellationToken ct = default)
    {
        var item = await store.FindAsync(id, ct);
        if (item is null)
        {
            return Outcome<ContentItem>.Fail("", "内容不存在");
        }

        var number = version ?? item.LatestVersion;
        var published = await store.VersionAsync(id, number, ct);
        if (published is null)
        {
            return Outcome<ContentItem>.Fail("", $"第{number}版不存在");
        }

        var before = item.PublishedVersion;
        item.PublishedVersion = number;
        item.PublishedTitle = published.Title;
        // A notice without a date of its own is dated the day it is published (so lists order it among the others).
        item.PublishedDate = ContentBody.Date(published.Body, "date") ?? Time.BeijingTime.Today(clock);
        item.PublishedYear = ContentBody.Int(published.Body, "year") ?? item.PublishedDate?.Year;
        item.PublishedProgram = ContentBody.Text(published.Body, "program") is { Length: > 0 } program ? program : null;
        item.PublishedRound = ContentBody.Text(published.Body, "round") is { Length: > 0 } round ? round : null;
        item.FirstPublishedAt ??= clock.GetUtcNow();
        item.UpdatedAt = clock.GetUtcNow();
        audit.Add("content.published", objectType: "content", objectId: item.Id.ToString(), actorId: actor.Id, actorName: actor.Name,
            details: new JsonObject { ["before"] = before, ["after"] = number });
        return await store.SaveAsync(item, ct);
    }
}
