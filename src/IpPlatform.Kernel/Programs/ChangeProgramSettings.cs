using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Modules;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Changes a program's name and settings (项目设置), checked by its module; the change is audited before and after.
/// Callers check that the editor covers the owner authority.
/// </summary>
public sealed class ChangeProgramSettings(
    DbContext db, FindProgram programs, ModuleCatalog modules, ProgramDirectory directory, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ProgramInstance>> UpdateSettingsAsync(string slug, string name, JsonObject settings, CancellationToken ct = default)
    {
        var program = await programs.FindAsync(slug, ct);
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
}
