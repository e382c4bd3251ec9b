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
        var reach = Of(actor);
        var authorities = reach.Authorities;
        return reach.Nothing ? items.Where(i => false)
            : reach.Everywhere ? items
            : items.Where(i => authorities.Contains(i.CityCode) || (i.DistrictCode != null && authorities.Contains(i.DistrictCode)) || authorities.Contains(i.OwnerAuthority));
    }

    /// <summary>
    /// The authorities an actor's reviewer roles are held at, and whether one is the province (then everything is reached).
    /// An item is reached when its city, district or running authority is one of <see cref="Reach.Authorities"/>; statistics
    /// written in SQL apply the same test with these values.
    /// </summary>
    public static Reach Of(WorkflowActor actor)
    {
        var reviewing = actor.OrganisationId is not null ? [] : actor.Grants.Where(g => StaffRoleCatalog.IsReviewer(g.Role)).ToList();
        return new Reach(reviewing.Any(g => g.AtProvince), reviewing.Select(g => g.Authority).Distinct().ToArray());
    }
}

/// <summary>What a reviewer reaches (see <see cref="ReviewerReach.Of"/>).</summary>
public sealed record Reach(bool Everywhere, string[] Authorities)
{
    public bool Nothing => !Everywhere && Authorities.Length == 0;
}
