using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Imports a program file (导入项目) another authority exported: turned into a recipe that can only create or update one
/// program of the importing authority, its rounds and its notices or pages, and checked against what belongs to others
/// before the recipe runs.
/// </summary>
public sealed class ImportProgram(DbContext db)
{
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
                        ["milestones"] = JsonSerializer.SerializeToNode(r.Milestones ?? [], ExportProgram.ExportJson),
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
}
