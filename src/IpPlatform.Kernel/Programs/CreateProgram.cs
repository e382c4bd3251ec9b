using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Modules;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Creates a program (项目) from a module, e.g. a city's own program from a provincial module (seed 001 art. 22), with
/// its settings checked by the module. Callers check that the editor covers the owner authority.
/// </summary>
public sealed class CreateProgram(DbContext db, ModuleCatalog modules, ProgramDirectory directory, AuditLog audit, TimeProvider clock)
{
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
}
