using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>The version numbers of its application form and of its review chain, the latest first.</summary>
public sealed record PinnableVersions(IReadOnlyList<int> Forms, IReadOnlyList<int> Workflows);

/// <summary>The versions a round of a program may be pinned to (<see cref="RoundPin"/>).</summary>
public sealed class ListPinnableVersions(DbContext db)
{
    public async Task<PinnableVersions> RunAsync(ProgramInstance program, CancellationToken ct = default)
    {
        var formKey = ProgramKeys.ApplicationFormKey(program);
        var forms = await db.Set<FormVersion>().AsNoTracking().Where(f => f.Key == formKey)
            .OrderByDescending(f => f.Version).Select(f => f.Version).ToListAsync(ct);
        var workflowKey = ProgramKeys.ReviewWorkflowKey(program);
        var workflows = await db.Set<WorkflowVersion>().AsNoTracking().Where(w => w.Key == workflowKey)
            .OrderByDescending(w => w.Version).Select(w => w.Version).ToListAsync(ct);
        return new PinnableVersions(forms, workflows);
    }
}
