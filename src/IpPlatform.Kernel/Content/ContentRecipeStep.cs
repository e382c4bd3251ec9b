using System.Text.Json.Nodes;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// Recipe step "content": content items by a stable key, optionally published. A field given as { "file": "notice.md" }
/// is read from the file beside the recipe. Re-running saves a new version only when the fields changed.
/// </summary>
public sealed class ContentRecipeStep(CreateContent create, SaveContentDraft saveDraft, PublishContent publish, PublicPageCache publicPages, IContentReferences references) : RecipeStep<ContentRecipeStep.Model>
{
    public sealed record Entry(string Key, string Type, string Owner, JsonObject Fields, bool Publish = true);

    public sealed record Model(IReadOnlyList<Entry> Items);

    public override string Name => "content";

    private static readonly ContentActor RecipeActor = new(null, "配方");

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        var keys = new HashSet<string>();
        for (var i = 0; i < model.Items.Count; i++)
        {
            var e = model.Items[i];
            var at = $"items[{i}]";
            if (!keys.Add(e.Key))
            {
                v.Error($"{at}.key", $"“{e.Key}”在本步骤中重复");
            }

            if (!v.IsDeclared(AuthoritiesRecipeStep.Kind, e.Owner) && !await v.Db.Set<Authority>().AnyAsync(a => a.Code == e.Owner, ct))
            {
                v.Error($"{at}.owner", $"单位“{e.Owner}”不存在");
            }

            var type = v.Declared<ContentTypeDefinition>(ContentTypesRecipeStep.Kind, e.Type)
                       ?? await v.Db.Set<ContentTypeDefinition>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == e.Type, ct);
            if (type is null)
            {
                v.Error($"{at}.type", $"内容类型“{e.Type}”不存在");
            }

            if (type is not null)
            {
                // Check the fields now, so a bad recipe fails before anything runs (files stand in as present).
                var preview = new JsonObject();
                foreach (var (name, value) in e.Fields)
                {
                    preview[name] = value is JsonObject { Count: 1 } f && f["file"] is not null ? "file" : value?.DeepClone();
                }

                // References declared by earlier steps need no lookup; the rest are checked against the database.
                var unknown = new List<(ContentFieldKind Kind, string Value)>();
                var errors = ContentBody.Validate(type, preview, (kind, value) =>
                {
                    if (v.IsDeclared(references.RecipeKind(kind), value))
                    {
                        return true;
                    }

                    unknown.Add((kind, value));
                    return true;
                });
                foreach (var (kind, value) in unknown)
                {
                    if (!await references.ExistsAsync(v.Db, kind, value, ct))
                    {
                        errors.Add(type.Fields.First(f => f.Kind == kind).Name, $"“{value}”不存在");
                    }
                }

                foreach (var (field, message) in errors.All)
                {
                    v.Error($"{at}.fields.{field}", message);
                }
            }

            foreach (var (field, value) in e.Fields)
            {
                if (value is JsonObject { Count: 1 } o && o["file"] is JsonValue file
                    && v.CurrentSource?.HasFile(file.ToString()) != true)
                {
                    v.Error($"{at}.fields.{field}", $"找不到配方旁的文件“{file}”");
                }
            }
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var e in model.Items)
        {
            var body = Resolve(e.Fields, x.CurrentSource);
            var item = await x.Db.Set<ContentItem>().FirstOrDefaultAsync(i => i.RecipeKey == e.Key, ct);
            var appliedBefore = await x.AppliedBeforeAsync(Name, e.Key, new { e.Type, e.Owner, body, e.Publish }, ct);
            if (item is null)
            {
                var created = await create.CreateAsync(e.Type, e.Owner, body, RecipeActor, e.Key, ct);
                item = created.Value ?? throw new InvalidOperationException($"{e.Key}：{string.Join("；", created.Errors.All.Select(er => er.Field + " " + er.Message))}");
                changes++;
            }
            else
            {
                // An editor's later edit, unpublishing included, is never undone by an unchanged recipe.
                if (appliedBefore)
                {
                    continue;
                }

                var latest = await x.Db.Set<ContentVersion>().AsNoTracking().FirstAsync(v => v.ItemId == item.Id && v.Number == item.LatestVersion, ct);
                if (JsonNode.DeepEquals(latest.Body, body))
                {
                    continue;
                }

                var saved = await saveDraft.SaveAsync(item.Id, body, item.LatestVersion, RecipeActor, ct);
                _ = saved.Value ?? throw new InvalidOperationException($"{e.Key}：{string.Join("；", saved.Errors.All.Select(er => er.Field + " " + er.Message))}");
                changes++;
            }

            if (e.Publish && item.PublishedVersion != item.LatestVersion)
            {
                await publish.PublishAsync(item.Id, item.LatestVersion, RecipeActor, ct);
                changes++;
            }
        }

        if (changes > 0)
        {
            x.AfterCommit(publicPages.Invalidate);
        }

        return changes;
    }

    private static JsonObject Resolve(JsonObject fields, RecipeSource? source)
    {
        var body = new JsonObject();
        foreach (var (name, value) in fields)
        {
            body[name] = value is JsonObject { Count: 1 } o && o["file"] is JsonValue file
                ? JsonValue.Create(source!.ReadText(file.ToString())!.Replace("\r\n", "\n", StringComparison.Ordinal))
                : value?.DeepClone();
        }

        return body;
    }
}
