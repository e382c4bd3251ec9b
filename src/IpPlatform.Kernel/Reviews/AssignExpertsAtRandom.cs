using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// Assigns experts at random (随机抽取评审专家) to applications in expert review, with the constraints of
/// <see cref="ExpertAssignments.CandidatesAsync"/>: never the applicant's own employer, optionally not from its city.
/// </summary>
public sealed class AssignExpertsAtRandom(DbContext db, LoadApplication applications, ExpertAssignments assignments)
{
    /// <summary>Tops each application up to <paramref name="perApplication"/> active experts, the least loaded first (random among equals).</summary>
    public async Task<Outcome<int>> AssignRandomAsync(
        IReadOnlyList<Guid> applicationIds, int perApplication, bool otherCityOnly, WorkflowActor actor, Random? random = null, CancellationToken ct = default)
    {
        if (perApplication is < 1 or > 20)
        {
            return Outcome<int>.Fail("perApplication", "每份申报的专家人数应在 1–20 之间");
        }

        random ??= Random.Shared;
        var load = await assignments.LoadAsync(ct);
        var (assigned, errors) = (0, new FieldErrors());

        // The applications' instances stay locked until the assignments commit: two random assignments at once cannot
        // both top the same application up (the second counts what the first added).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = applicationIds.Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_instances WHERE subject_id = ANY({locked}) ORDER BY subject_id FOR UPDATE", ct);
        foreach (var id in locked)
        {
            if (await applications.FindForStaffAsync(id, actor, ct, withFiles: false) is not { } view || await assignments.ManagedRubricAsync(view, actor, ct) is not { } rubric)
            {
                errors.Add("", "有申报不在专家评审阶段，或您无权分配专家");
                continue;
            }

            var active = await db.Set<ExpertAssignment>().CountAsync(a => a.ApplicationId == id && a.State != AssignmentState.Declined, ct);
            var needed = perApplication - active;
            var pool = (await assignments.CandidatesAsync(view.Instance, otherCityOnly, ct))
                .OrderBy(e => load.GetValueOrDefault(e.Id)).ThenBy(_ => random.Next()).Take(Math.Max(0, needed)).ToList();
            if (pool.Count < needed)
            {
                errors.Add("", $"“{view.Instance.OrganisationName}”可分配的专家不足（还需{needed}位，符合条件的只有{pool.Count}位）");
                continue;
            }

            foreach (var expert in pool)
            {
                assignments.Add(view, expert, rubric, actor);
                load[expert.Id] = load.GetValueOrDefault(expert.Id) + 1;
                assigned++;
            }
        }

        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Fail(errors);
        }

        var saved = await assignments.SaveAsync(assigned, ct);
        if (saved.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }

        return saved;
    }
}
