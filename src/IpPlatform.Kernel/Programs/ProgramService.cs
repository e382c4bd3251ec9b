using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Programs and rounds as editors change them: a city's own program from a provincial module (seed 001 art. 22), its
/// settings, its rounds, and a program exported as a recipe for another authority to import. Callers check that the
/// editor covers the owner authority.
/// </summary>
public sealed partial class ProgramService(
    DbContext db, ModuleCatalog modules, ProgramDirectory directory, AuditLog audit, TimeProvider clock, PublicPageCache publicPages)
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public Task<ProgramInstance?> FindAsync(string slug, CancellationToken ct = default) =>
        db.Set<ProgramInstance>().FirstOrDefaultAsync(p => p.Slug == slug, ct);

    public async Task<Outcome<ProgramInstance>> CreateAsync(string moduleId, string slug, string name, string owner, JsonObject settings, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var module = modules.Find(moduleId);
        if (module is null)
        {
            errors.Add("Module", "请选择模块");
        }

        if (!SlugPattern().IsMatch(slug ?? "") || slug!.Length > 64)
        {
            errors.Add("Slug", "网址名只能由小写字母、数字和连字符组成，如 shenyang-service-cluster");
        }
        else if (await db.Set<ProgramInstance>().AnyAsync(p => p.Slug == slug, ct))
        {
            errors.Add("Slug", $"网址名“{slug}”已被使用");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            errors.Add("Name", "请填写项目名称（不超过128个字）");
        }

        foreach (var e in module?.Settings.Validate(settings, out _) ?? [])
        {
            errors.Add($"Settings.{e.Key}", e.Message);
        }

        if (errors.Any)
        {
            return Outcome<ProgramInstance>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var program = new ProgramInstance
        {
            Id = Guid.CreateVersion7(), Slug = slug!, ModuleId = moduleId, OwnerAuthorityCode = owner, Name = name.Trim(),
            Settings = settings, SortOrder = 100, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(program);
        audit.Add("program.created", objectType: "program", objectId: slug,
            details: new JsonObject { ["module"] = moduleId, ["owner"] = owner, ["settings"] = settings.DeepClone() });
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return Outcome<ProgramInstance>.Ok(program);
    }

    public async Task<Outcome<ProgramInstance>> UpdateSettingsAsync(string slug, string name, JsonObject settings, CancellationToken ct = default)
    {
        var program = await FindAsync(slug, ct);
        if (program is null || modules.Find(program.ModuleId) is not { } module)
        {
            return Outcome<ProgramInstance>.Fail("", "项目不存在");
        }

        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            errors.Add("Name", "请填写项目名称（不超过128个字）");
        }

        foreach (var e in module.Settings.Validate(settings, out _))
        {
            errors.Add($"Settings.{e.Key}", e.Message);
        }

        if (errors.Any)
        {
            return Outcome<ProgramInstance>.Fail(errors);
        }

        audit.Add("program.changed", objectType: "program", objectId: slug,
            details: new JsonObject { ["before"] = new JsonObject { ["name"] = program.Name, ["settings"] = program.Settings.DeepClone() },
                                      ["after"] = new JsonObject { ["name"] = name.Trim(), ["settings"] = settings.DeepClone() } });
        (program.Name, program.Settings, program.UpdatedAt) = (name.Trim(), settings, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return Outcome<ProgramInstance>.Ok(program);
    }

    public async Task<Outcome<Round>> SaveRoundAsync(
        string programSlug, Guid? roundId, string key, int year, string title, DateTimeOffset? opens, DateTimeOffset? closes,
        string? beforeOpen, string? afterClose, CancellationToken ct = default)
    {
        var program = await FindAsync(programSlug, ct);
        if (program is null)
        {
            return Outcome<Round>.Fail("", "项目不存在");
        }

        var round = roundId is { } id ? await db.Set<Round>().FirstOrDefaultAsync(r => r.Id == id && r.ProgramId == program.Id, ct) : null;
        if (roundId is not null && round is null)
        {
            return Outcome<Round>.Fail("", "批次不存在");
        }

        var errors = new FieldErrors();
        if (round is null)
        {
            if (!SlugPattern().IsMatch(key ?? "") || key!.Length > 64)
            {
                errors.Add("Key", "批次标识只能由小写字母、数字和连字符组成，如 shenyang-service-cluster-2027");
            }
            else if (await db.Set<Round>().AnyAsync(r => r.Key == key, ct))
            {
                errors.Add("Key", $"批次标识“{key}”已被使用");
            }
        }

        if (year is < 2000 or > 2100)
        {
            errors.Add("Year", "年度应在2000到2100之间");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("Title", "请填写批次名称");
        }

        if (closes is null)
        {
            errors.Add("Closes", "请填写截止时间");
        }
        else if (opens is not null && closes <= opens)
        {
            errors.Add("Closes", "截止时间须晚于开始时间");
        }

        if (errors.Any)
        {
            return Outcome<Round>.Fail(errors);
        }

        var before = round is null ? null : Describe(round);
        round ??= db.Add(new Round { Id = Guid.CreateVersion7(), Key = key!, ProgramId = program.Id, Title = title }).Entity;
        (round.Year, round.Title, round.OpensAt, round.ClosesAt) = (year, title.Trim(), opens?.ToUniversalTime(), closes!.Value.ToUniversalTime());
        (round.BeforeOpenText, round.AfterCloseText) = (Blank(beforeOpen), Blank(afterClose));
        audit.Add(before is null ? "round.created" : "round.changed", objectType: "round", objectId: round.Key,
            details: new JsonObject { ["program"] = programSlug, ["before"] = before, ["after"] = Describe(round) });
        await db.SaveChangesAsync(ct);
        await publicPages.InvalidateAsync();
        return Outcome<Round>.Ok(round);
    }

    /// <summary>The program, its rounds and its published notices (latest version) as a recipe another authority can import.</summary>
    public async Task<JsonObject> ExportAsync(string slug, CancellationToken ct = default)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Slug == slug, ct);
        var rounds = await db.Set<Round>().AsNoTracking().Where(r => r.ProgramId == program.Id).OrderBy(r => r.Year).ToListAsync(ct);
        var notices = await (from i in db.Set<ContentItem>().AsNoTracking()
                             join v in db.Set<ContentVersion>().AsNoTracking() on new { ItemId = i.Id, Number = i.LatestVersion } equals new { v.ItemId, v.Number }
                             where i.PublishedProgram == slug
                             select new { i, v }).ToListAsync(ct);
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

    /// <summary>
    /// Re-addresses an exported program to another authority under a new slug: owner, program, round and notice keys all
    /// change, so importing never touches the original program.
    /// </summary>
    public static JsonObject Readdress(JsonObject exported, string newSlug, string newOwner)
    {
        var recipe = exported.DeepClone().AsObject();
        var oldSlug = recipe["steps"]!.AsArray().OfType<JsonObject>().First(s => (string?)s["step"] == "programs")["programs"]![0]!["slug"]!.GetValue<string>();
        string Rekey(string key) => key.Replace(oldSlug, newSlug, StringComparison.Ordinal) is var k && k != key ? k : $"{newSlug}-{key}";
        recipe["name"] = $"program-{newSlug}";
        foreach (var step in recipe["steps"]!.AsArray().OfType<JsonObject>())
        {
            switch ((string?)step["step"])
            {
                case "programs":
                    foreach (var p in step["programs"]!.AsArray().OfType<JsonObject>())
                    {
                        (p["slug"], p["owner"]) = (newSlug, newOwner);
                    }

                    break;
                case "rounds":
                    foreach (var r in step["rounds"]!.AsArray().OfType<JsonObject>())
                    {
                        (r["key"], r["program"]) = (Rekey(r["key"]!.GetValue<string>()), newSlug);
                    }

                    break;
                case "content":
                    foreach (var i in step["items"]!.AsArray().OfType<JsonObject>())
                    {
                        (i["key"], i["owner"]) = (Rekey(i["key"]!.GetValue<string>()), newOwner);
                        var fields = i["fields"]!.AsObject();
                        fields["program"] = newSlug;
                        if (fields["round"] is JsonValue round)
                        {
                            fields["round"] = Rekey(round.GetValue<string>());
                        }
                    }

                    break;
            }
        }

        return recipe;
    }

    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web);

    private static JsonObject Describe(Round r) => new()
    {
        ["year"] = r.Year, ["title"] = r.Title, ["opens"] = r.OpensAt?.ToString("O"), ["closes"] = r.ClosesAt.ToString("O"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
