using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Pins the round to one version of its program's application form (申报表) or review chain (审核流程) (null: each
/// application takes the latest when it starts). Applications already started keep the version they began with.
/// </summary>
public sealed class PinRoundVersion(DbContext db, FindProgram programs, AuditLog audit)
{
    /// <summary>Pins a round to one version of the program's application form or review chain (null: the latest when an application starts).</summary>
    public async Task<Outcome<Round>> PinAsync(string programSlug, Guid roundId, RoundPin what, int? version, CancellationToken ct = default)
    {
        var program = await programs.FindAsync(programSlug, ct);
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
}
