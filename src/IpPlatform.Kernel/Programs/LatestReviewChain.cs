using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>The latest version of a program's review chain (by the program's slug), or null when either does not exist.</summary>
public sealed class LatestReviewChain(DbContext db, WorkflowStore workflows)
{
    public async Task<WorkflowDefinition?> RunAsync(string programSlug, CancellationToken ct = default)
    {
        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == programSlug, ct);
        return program is null ? null : (await workflows.LatestAsync(ProgramKeys.ReviewWorkflowKey(program), ct))?.Definition;
    }
}
