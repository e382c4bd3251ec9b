using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Kernel.Workflows;

/// <summary>Something placed where reviewers reach it: an application's review instance, an award.</summary>
public interface IReviewerPlaced
{
    string CityCode { get; }

    string? DistrictCode { get; }

    /// <summary>The authority running the program.</summary>
    string OwnerAuthority { get; }
}

/// <summary>
/// <see cref="WorkflowActor.Reaches"/> as a database query: what an actor's reviewer roles reach (<see cref="AuthorityScope.Covers"/>, or held
/// at the authority running the program); nothing for an actor without one.
/// </summary>
public static class ReviewerReach
{
    public static IQueryable<T> Reached<T>(this IQueryable<T> items, WorkflowActor actor) where T : class, IReviewerPlaced
    {
        var reviewing = actor.Grants.Where(g => StaffRoleCatalog.IsReviewer(g.Role)).ToList();
        var authorities = reviewing.Select(g => g.Authority).Distinct().ToList();
        return authorities.Count == 0 ? items.Where(i => false)
            : reviewing.Any(g => g.AtProvince) ? items
            : items.Where(i => authorities.Contains(i.CityCode) || (i.DistrictCode != null && authorities.Contains(i.DistrictCode)) || authorities.Contains(i.OwnerAuthority));
    }
}
