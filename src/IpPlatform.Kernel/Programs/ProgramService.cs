using System.Text.Json;
using System.Text.Json.Nodes;
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
public sealed class ProgramService(
    DbContext db, ModuleCatalog modules, ProgramDirectory directory, AuditLog audit, TimeProvider clock, PublicPageCache publicPages)
{
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

        if (ProgramInstance.SlugProblem(slug) is { } problem)
        {
            errors.Add("Slug", problem);
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
            if (!ProgramInstance.IsWellFormedKey(key))
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
        else if (title.Trim().Length > Round.MaxTitleLength)
        {
            errors.Add("Title", $"批次名称请控制在{Round.MaxTitleLength}字以内");
        }

        if (beforeOpen?.Length > Round.MaxTextLength)
        {
            errors.Add("BeforeOpenText", $"开始前显示的说明请控制在{Round.MaxTextLength}字以内");
        }

        if (afterClose?.Length > Round.MaxTextLength)
        {
            errors.Add("AfterCloseText", $"截止后显示的说明请控制在{Round.MaxTextLength}字以内");
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

    /// <summary>
    /// Pins the round to one version of its program's application form (null: each application takes the latest when it
    /// starts). Applications already started keep the version they began with.
    /// </summary>
    /// <summary>Pins a round to one version of the program's application form or review chain (null: the latest when an application starts).</summary>
    public async Task<Outcome<Round>> PinAsync(string programSlug, Guid roundId, RoundPin what, int? version, CancellationToken ct = default)
    {
        var program = await FindAsync(programSlug, ct);
        var round = program is null ? null : await db.Set<Round>().FirstOrDefaultAsync(r => r.Id == roundId && r.ProgramId == program.Id, ct);
        if (program is null || round is null)
        {
            return Outcome<Round>.Fail("", "批次不存在");
        }

        var key = what == RoundPin.Form ? ProgramKeys.ApplicationFormKey(program) : ProgramKeys.ReviewWorkflowKey(program);
        var exists = version is not { } v
            || (what == RoundPin.Form
                ? await db.Set<Forms.FormVersion>().AnyAsync(f => f.Key == key && f.Version == v, ct)
                : await db.Set<Workflows.WorkflowVersion>().AnyAsync(w => w.Key == key && w.Version == v, ct));
        if (!exists)
        {
            return Outcome<Round>.Fail("", $"{(what == RoundPin.Form ? "申报表单" : "审核流程")}没有第{version}版");
        }

        var pinned = version is { } chosen ? $"{key}@{chosen}" : null;
        var before = what == RoundPin.Form ? round.FormVersion : round.WorkflowVersion;
        if (what == RoundPin.Form)
        {
            round.FormVersion = pinned;
        }
        else
        {
            round.WorkflowVersion = pinned;
        }
        audit.Add(what == RoundPin.Form ? "round.form-pinned" : "round.workflow-pinned", objectType: "round", objectId: round.Key,
            details: new JsonObject { ["program"] = programSlug, ["before"] = before, ["after"] = pinned });
        await db.SaveChangesAsync(ct);
        return Outcome<Round>.Ok(round);
    }

    /// <summary>The program, its rounds and its owner's published notices as a recipe another authority can import.</summary>
    public async Task<JsonObject> ExportAsync(string slug, CancellationToken ct = default)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Slug == slug, ct);
        var rounds = await db.Set<Round>().AsNoTracking().Where(r => r.ProgramId == program.Id).OrderBy(r => r.Year).ToListAsync(ct);
        // Published versions only, and only of the program's owner: drafts and other authorities' notices stay home, and
        // so do the platform's decisions about organisations (公示 results, revocation 公告/通报) — they are not policy.
        var decisions = await db.Set<Publicity.PublicNotice>().AsNoTracking().Where(n => n.ResultNoticeId != null).Select(n => n.ResultNoticeId!.Value).ToListAsync(ct);
        decisions.AddRange((await db.Set<Awards.AwardEvent>().AsNoTracking().Where(e => e.Kind == "revoked").Select(e => e.Details).ToListAsync(ct))
            .Select(d => Guid.TryParse(d["notice"]?.ToString(), out var notice) ? notice : Guid.Empty).Where(g => g != Guid.Empty));
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

    /// <summary>
    /// Turns an uploaded program file into a recipe that can only create or update one program of
    /// <paramref name="owner"/> at <paramref name="newSlug"/>, its rounds and its notices or pages. Each step is bound as
    /// the runner binds it and the recipe is rebuilt from those values, so nothing in the file beyond them takes effect;
    /// annex file references are dropped (files are not part of an export).
    /// </summary>
    public static Outcome<JsonObject> PrepareImport(JsonObject uploaded, string newSlug, string owner)
    {
        if (uploaded["steps"] is not JsonArray steps)
        {
            return Outcome<JsonObject>.Fail("recipe", "文件不是本平台导出的项目配方");
        }

        var errors = new FieldErrors();
        var programs = new List<ProgramsRecipeStep.Entry>();
        var rounds = new List<RoundsRecipeStep.Entry>();
        var items = new List<ContentRecipeStep.Entry>();
        foreach (var step in steps)
        {
            try
            {
                switch (step is JsonObject o ? (string?)o["step"] : null)
                {
                    case "programs":
                        programs.AddRange(RecipeStep<ProgramsRecipeStep.Model>.BindStep((JsonObject)step!).Programs);
                        break;
                    case "rounds":
                        rounds.AddRange(RecipeStep<RoundsRecipeStep.Model>.BindStep((JsonObject)step!).Rounds);
                        break;
                    case "content":
                        items.AddRange(RecipeStep<ContentRecipeStep.Model>.BindStep((JsonObject)step!).Items);
                        break;
                    case var other:
                        errors.Add("recipe", $"项目配方不能包含“{other}”步骤");
                        break;
                }
            }
            catch (JsonException)
            {
                errors.Add("recipe", "文件不是本平台导出的项目配方");
            }
        }

        if (programs.Count != 1)
        {
            errors.Add("recipe", "项目配方应恰好包含一个项目");
        }

        foreach (var item in items.Where(i => i.Type is not ("Notice" or "Page")))
        {
            errors.Add("recipe", $"内容“{item.Key}”的类型不能导入");
        }

        if (errors.Any)
        {
            return Outcome<JsonObject>.Fail(errors);
        }

        var oldSlug = programs[0].Slug;
        string Rekey(string key) => key.Contains(oldSlug, StringComparison.Ordinal) ? key.Replace(oldSlug, newSlug, StringComparison.Ordinal) : $"{newSlug}-{key}";
        var roundKeys = rounds.ToDictionary(r => r.Key, r => Rekey(r.Key));
        var p = programs[0];
        var recipe = new JsonObject
        {
            ["name"] = $"program-{newSlug}",
            ["steps"] = new JsonArray(
                new JsonObject
                {
                    ["step"] = "programs",
                    ["programs"] = new JsonArray(new JsonObject
                    {
                        ["slug"] = newSlug, ["module"] = p.Module, ["owner"] = owner, ["name"] = p.Name,
                        ["settings"] = p.Settings?.DeepClone() ?? new JsonObject(), ["sortOrder"] = p.SortOrder,
                    }),
                },
                new JsonObject
                {
                    ["step"] = "rounds",
                    ["rounds"] = new JsonArray(rounds.Select(r => (JsonNode)new JsonObject
                    {
                        ["key"] = roundKeys[r.Key], ["program"] = newSlug, ["year"] = r.Year, ["title"] = r.Title, ["closes"] = r.Closes,
                        ["opens"] = r.Opens, ["beforeOpenText"] = r.BeforeOpenText, ["afterCloseText"] = r.AfterCloseText,
                        ["milestones"] = JsonSerializer.SerializeToNode(r.Milestones ?? [], ExportJson),
                    }).ToArray()),
                },
                new JsonObject
                {
                    ["step"] = "content",
                    ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
                    {
                        ["key"] = Rekey(i.Key), ["type"] = i.Type, ["owner"] = owner, ["publish"] = i.Publish, ["fields"] = ImportedFields(i.Fields, newSlug, roundKeys),
                    }).ToArray()),
                }),
        };
        return Outcome<JsonObject>.Ok(recipe);
    }

    private static JsonObject ImportedFields(JsonObject fields, string newSlug, Dictionary<string, string> roundKeys)
    {
        var copy = (JsonObject)fields.DeepClone();
        if (copy.ContainsKey("program"))
        {
            copy["program"] = newSlug;
        }

        if (copy["round"] is JsonValue round)
        {
            if (roundKeys.TryGetValue(round.ToString(), out var key))
            {
                copy["round"] = key;
            }
            else
            {
                copy.Remove("round");
            }
        }

        if (copy["annexes"] is JsonArray annexes)
        {
            copy["annexes"] = new JsonArray(annexes.OfType<JsonObject>().Select(a => (JsonNode)new JsonObject { ["title"] = a["title"]?.DeepClone() }).ToArray());
        }

        return copy;
    }

    /// <summary>
    /// What an imported program file may do: one program, its rounds and its notices or pages, all under the importing
    /// authority. Any other step (accounts, authorities, calendar, content types...) is refused, and so is a slug, round or
    /// content key that already belongs to someone else.
    /// </summary>
    public async Task<FieldErrors> CheckImportAsync(JsonObject readdressed, string newSlug, string owner, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var steps = readdressed["steps"] as JsonArray ?? [];
        var programs = 0;
        foreach (var step in steps.OfType<JsonObject>())
        {
            switch ((string?)step["step"])
            {
                case "programs":
                    programs += (step["programs"] as JsonArray)?.Count ?? 0;
                    break;
                case "rounds":
                    foreach (var key in (step["rounds"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (string?)r["key"]))
                    {
                        var taken = await (from r in db.Set<Round>()
                                           join p in db.Set<ProgramInstance>() on r.ProgramId equals p.Id
                                           where r.Key == key && p.Slug != newSlug
                                           select r.Key).AnyAsync(ct);
                        if (taken)
                        {
                            errors.Add("recipe", $"批次标识“{key}”已属于其他项目");
                        }
                    }

                    break;
                case "content":
                    foreach (var item in (step["items"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var key = (string?)item["key"];
                        if ((string?)item["type"] is not ("Notice" or "Page"))
                        {
                            errors.Add("recipe", $"内容“{key}”的类型不能导入");
                        }
                        else if (await db.Set<ContentItem>().AnyAsync(i => i.RecipeKey == key && i.OwnerAuthority != owner, ct))
                        {
                            errors.Add("recipe", $"内容“{key}”已属于其他单位");
                        }
                    }

                    break;
                default:
                    errors.Add("recipe", $"项目配方不能包含“{step["step"]}”步骤");
                    break;
            }
        }

        if (programs != 1)
        {
            errors.Add("recipe", "项目配方应恰好包含一个项目");
        }

        if (await db.Set<ProgramInstance>().AnyAsync(p => p.Slug == newSlug && p.OwnerAuthorityCode != owner, ct))
        {
            errors.Add("Slug", $"网址名“{newSlug}”已被其他单位的项目使用");
        }

        return errors;
    }

    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web);

    private static JsonObject Describe(Round r) => new()
    {
        ["year"] = r.Year, ["title"] = r.Title, ["opens"] = r.OpensAt?.ToString("O"), ["closes"] = r.ClosesAt.ToString("O"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
