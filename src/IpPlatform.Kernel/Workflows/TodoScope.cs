using System.Linq.Expressions;
using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// "Waiting for me": instances in a state where one of the actor's grants has an action, for the scope that grant
/// covers (the same rule as <see cref="WorkflowActor.GrantFor"/>), built from the stored definitions as four lists
/// ("key@version:state|authority" per scope column) that the database matches (<see cref="Expression"/>)
/// or a group of counted rows is matched against (<see cref="Matches"/>).
/// </summary>
internal sealed class TodoScope
{
    public ScopeMatch District { get; } = new();

    public ScopeMatch City { get; } = new();

    public ScopeMatch Owner { get; } = new();

    public ScopeMatch Anywhere { get; } = new();

    private bool Empty => District.Empty && City.Empty && Owner.Empty && Anywhere.Empty;

    /// <summary>The scope of what <paramref name="actor"/> can act on now, across the stored definitions.</summary>
    public static TodoScope For(WorkflowActor actor, IReadOnlyList<WorkflowVersion> definitions)
    {
        var scope = new TodoScope();
        foreach (var version in definitions)
        {
            foreach (var action in version.Definition.Actions.Where(a => !a.BySystem && !a.ByApplicant))
            {
                foreach (var grant in actor.Grants)
                {
                    foreach (var state in AuthorityScope.MayTakeStep(grant.Role, grant.AtProvince, action.Scope, action.Roles) ? action.From : [])
                    {
                        var match = action.Scope switch
                        {
                            "district" => scope.District, "city" => scope.City, "owner" => scope.Owner,
                            "province" when grant.AtProvince => scope.Anywhere,
                            _ => null,
                        };
                        match?.Add(version, state, action.Scope == "province" ? "" : grant.Authority);
                    }
                }
            }
        }

        return scope;
    }

    public bool Matches(string key, int version, string state, string city, string? district, string owner)
    {
        var at = $"{key}@{version}:{state}|";
        return (district is not null && District.Set.Contains(at + district)) || City.Set.Contains(at + city) || Owner.Set.Contains(at + owner)
            || Anywhere.Set.Contains(at);
    }

    /// <summary>The same rule as a predicate for the database (null when the actor waits for nothing).</summary>
    public Expression<Func<WorkflowInstance, bool>>? Expression()
    {
        if (Empty)
        {
            return null;
        }

        var (district, city, owner, anywhere) = (District, City, Owner, Anywhere);

        // The state and authority tests come first and are cheap (indexed); the exact key is built only for rows passing them.
        return i => (district.States.Contains(i.State) && district.Authorities.Contains(i.DistrictCode!)
                && district.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.DistrictCode))
            || (city.States.Contains(i.State) && city.Authorities.Contains(i.CityCode)
                && city.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.CityCode))
            || (owner.States.Contains(i.State) && owner.Authorities.Contains(i.OwnerAuthority)
                && owner.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|" + i.OwnerAuthority))
            || (anywhere.States.Contains(i.State) && anywhere.Keys.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State + "|"));
    }
}

/// <summary>For one scope column: the states and authorities that may match, and the exact "key@version:state|authority" keys.</summary>
internal sealed class ScopeMatch
{
    public List<string> States { get; } = [];

    public List<string> Authorities { get; } = [];

    public List<string> Keys { get; } = [];

    public HashSet<string> Set { get; } = [];

    public bool Empty => Keys.Count == 0;

    public void Add(WorkflowVersion version, string state, string authority)
    {
        States.Add(state);
        Authorities.Add(authority);
        var key = $"{version.Key}@{version.Version}:{state}|{authority}";
        Keys.Add(key);
        Set.Add(key);
    }
}