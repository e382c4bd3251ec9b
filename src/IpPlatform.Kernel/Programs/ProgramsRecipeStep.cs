using System.Text.Json.Nodes;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Recipe step "programs": instantiates modules as programs run by an authority, with settings checked against the
/// module's typed settings. Upserts by slug.
/// </summary>
public sealed class ProgramsRecipeStep(ProgramDirectory directory) : RecipeStep<ProgramsRecipeStep.Model>
{
    /// <summary>The recipe kind under which this step declares the programs it creates (later steps may name them).</summary>
    public const string Kind = "program";

    public sealed record Entry(string Slug, string Module, string Owner, string Name, JsonObject? Settings = null, int SortOrder = 0);

    public sealed record Model(IReadOnlyList<Entry> Programs);

    public override string Name => "programs";

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Programs.Count; i++)
        {
            var p = model.Programs[i];
            var at = $"programs[{i}]";
            if (ProgramInstance.SlugProblem(p.Slug) is { } problem)
            {
                v.Error($"{at}.slug", problem);
            }
            else if (!slugs.Add(p.Slug))
            {
                v.Error($"{at}.slug", $"“{p.Slug}”在本步骤中重复");
            }

            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 128)
            {
                v.Error($"{at}.name", "项目名称不能为空，且不超过 128 个字符");
            }

            if (!v.IsDeclared(AuthoritiesRecipeStep.Kind, p.Owner)
                && !await v.Db.Set<Authority>().AnyAsync(a => a.Code == p.Owner, ct))
            {
                v.Error($"{at}.owner", $"主管单位“{p.Owner}”不存在");
            }

            var module = v.Modules.Find(p.Module);
            if (module is null)
            {
                v.Error($"{at}.module", $"模块“{p.Module}”不存在，已加载的模块：{string.Join("、", v.Modules.Modules.Select(m => m.Manifest.Id))}");
                continue;
            }

            v.Declare(Kind, p.Slug);
            foreach (var error in module.Settings.Validate(p.Settings, out _))
            {
                v.Error($"{at}.settings.{error.Key}", error.Message);
            }
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var set = x.Db.Set<ProgramInstance>();
        var slugs = model.Programs.Select(p => p.Slug).ToList();
        var existing = await set.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        var now = x.Clock.GetUtcNow();
        var changes = 0;
        foreach (var e in model.Programs)
        {
            var settings = e.Settings ?? [];
            var appliedBefore = await x.AppliedBeforeAsync(Name, e.Slug, e, ct);
            if (!existing.TryGetValue(e.Slug, out var row))
            {
                set.Add(new ProgramInstance
                {
                    Id = Guid.CreateVersion7(),
                    Slug = e.Slug,
                    ModuleId = e.Module,
                    OwnerAuthorityCode = e.Owner,
                    Name = e.Name,
                    Settings = settings,
                    SortOrder = e.SortOrder,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                changes++;
            }
            else if (!appliedBefore && (row.ModuleId != e.Module || row.OwnerAuthorityCode != e.Owner || row.Name != e.Name
                     || row.SortOrder != e.SortOrder || !JsonNode.DeepEquals(row.Settings, settings)))
            {
                (row.ModuleId, row.OwnerAuthorityCode, row.Name, row.SortOrder, row.Settings, row.UpdatedAt) =
                    (e.Module, e.Owner, e.Name, e.SortOrder, settings, now);
                changes++;
            }
        }

        if (changes > 0)
        {
            x.AfterCommit(directory.Invalidate);
        }

        return changes;
    }
}
