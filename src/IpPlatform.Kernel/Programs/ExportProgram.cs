using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Exports a program (导出项目) as a recipe another authority can import: the program, its rounds and its owner's
/// published notices (not the platform's decisions about organisations). Callers check that the editor covers the
/// owner authority.
/// </summary>
public sealed class ExportProgram(DbContext db, IEnumerable<IDecisionNotices> decisionNotices, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web);

    /// <summary>The program, its rounds and its owner's published notices as a recipe another authority can import.</summary>
    public async Task<JsonObject> ExportAsync(string slug, CancellationToken ct = default)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Slug == slug, ct);
        var rounds = await db.Set<Round>().AsNoTracking().Where(r => r.ProgramId == program.Id).OrderBy(r => r.Year).ToListAsync(ct);
        // Published versions only, and only of the program's owner: drafts and other authorities' notices stay home, and
        // so do the platform's decisions about organisations (公示 results, revocation 公告/通报) — they are not policy.
        var decisions = new HashSet<Guid>();
        foreach (var source in decisionNotices)
        {
            decisions.UnionWith(await source.ContentIdsAsync(ct));
        }

        var notices = (await (from i in db.Set<ContentItem>().AsNoTracking()
                              join v in db.Set<ContentVersion>().AsNoTracking() on new { ItemId = i.Id, Number = i.PublishedVersion!.Value } equals new { v.ItemId, v.Number }
                              where i.PublishedProgram == slug && i.PublishedVersion != null && i.OwnerAuthority == program.OwnerAuthorityCode
                              select new { i, v }).ToListAsync(ct)).Where(x => !decisions.Contains(x.i.Id)).ToList();
        string Time(DateTimeOffset t) => t.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var steps = new JsonArray
        {
            new JsonObject
            {
                ["step"] = "programs",
                ["programs"] = new JsonArray(new JsonObject
                {
                    ["slug"] = program.Slug, ["module"] = program.ModuleId, ["owner"] = program.OwnerAuthorityCode,
                    ["name"] = program.Name, ["settings"] = program.Settings.DeepClone(), ["sortOrder"] = program.SortOrder,
                }),
            },
        };
        if (rounds.Count > 0)
        {
            steps.Add(new JsonObject
            {
                ["step"] = "rounds",
                ["rounds"] = new JsonArray(rounds.Select(r => (JsonNode)new JsonObject
                {
                    ["key"] = r.Key, ["program"] = program.Slug, ["year"] = r.Year, ["title"] = r.Title,
                    ["opens"] = r.OpensAt is { } o ? Time(o) : null, ["closes"] = Time(r.ClosesAt),
                    ["beforeOpenText"] = r.BeforeOpenText, ["afterCloseText"] = r.AfterCloseText,
                    ["milestones"] = JsonSerializer.SerializeToNode(r.Milestones, ExportJson),
                }).ToArray()),
            });
        }

        if (notices.Count > 0)
        {
            steps.Add(new JsonObject
            {
                ["step"] = "content",
                ["items"] = new JsonArray(notices.Select(n => (JsonNode)new JsonObject
                {
                    ["key"] = n.i.RecipeKey ?? $"notice:{n.i.Id}", ["type"] = n.i.Type, ["owner"] = n.i.OwnerAuthority,
                    ["publish"] = n.i.PublishedVersion is not null, ["fields"] = n.v.Body.DeepClone(),
                }).ToArray()),
            });
        }

        return new JsonObject
        {
            ["name"] = $"program-{program.Slug}",
            ["displayName"] = program.Name,
            ["description"] = $"导出自 {program.OwnerAuthorityCode} 的项目“{program.Name}”（{clock.GetUtcNow().ToOffset(BeijingTime.Offset):yyyy-MM-dd HH:mm}）",
            ["steps"] = steps,
        };
    }
}
