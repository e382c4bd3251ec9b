using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// Which awards a reviewer sees: the same rule as the review queues (province: all; a city: its own and its districts';
/// a district: its own; the authority running the program: its program's). Applicants see their own organisation's.
/// </summary>
public static class AwardScope
{
    public static IQueryable<Award> VisibleTo(this IQueryable<Award> awards, WorkflowActor actor)
    {
        if (actor.OrganisationId is { } organisation)
        {
            return awards.Where(a => a.OrganisationId == organisation);
        }

        return awards.Reached(actor);
    }

    public static bool CanSee(this WorkflowActor actor, Award award) =>
        actor.OrganisationId is { } organisation ? organisation == award.OrganisationId
        : actor.Reaches(award.CityCode, award.DistrictCode, award.OwnerAuthority);

    /// <summary>Decisions on an award (its document and funds, revocation, termination, credit records) are the running authority's.</summary>
    public static bool Decides(this WorkflowActor actor, Award award) => actor.ReviewsAt(award.OwnerAuthority);

    public const string NotDecidedHere = "称号不存在或不由您所在部门管理";

    /// <summary>The award (tracked) and its module, when <paramref name="actor"/> may decide on it; null otherwise (reported as not found).</summary>
    public static async Task<(Award Award, string ModuleId)?> DecidedByAsync(this DbContext db, Guid awardId, WorkflowActor actor, CancellationToken ct)
    {
        var award = await db.Set<Award>().FirstOrDefaultAsync(a => a.Id == awardId, ct);
        if (award is null || !actor.CanSee(award) || !actor.Decides(award))
        {
            return null;
        }

        return (award, await db.Set<Programs.ProgramInstance>().Where(p => p.Id == award.ProgramId).Select(p => p.ModuleId).FirstAsync(ct));
    }
}
