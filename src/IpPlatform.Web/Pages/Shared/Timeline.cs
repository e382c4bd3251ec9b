using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Web.Pages.Shared;

/// <summary>
/// What the timeline partial shows: the history with each decision's inputs. Applicants see which authority decided
/// (not the reviewer's name); staff see the person and role, and can open files given with an action.
/// </summary>
public sealed record Timeline(
    IReadOnlyList<WorkflowHistoryEntry> Entries, WorkflowDefinition Workflow, IReadOnlyDictionary<string, string> AuthorityNames, bool ForStaff,
    Guid ApplicationId)
{
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        ["applicant"] = "申报单位", ["system"] = "系统", ["districtReviewer"] = "区县审核", ["cityReviewer"] = "市级审核", ["provinceReviewer"] = "省级审核",
    };

    public string Who(WorkflowHistoryEntry entry)
    {
        var role = RoleNames.GetValueOrDefault(entry.Role, entry.Role);
        var authority = entry.Authority is { } code ? AuthorityNames.GetValueOrDefault(code, code) : null;
        return entry.Role is "applicant" or "system" ? (ForStaff && entry.Role == "applicant" ? $"{role}（{entry.ActorName}）" : role)
            : ForStaff ? $"{authority} {role}（{entry.ActorName}）"
            : $"{authority}";
    }

    public string StateLabel(string key) => Workflow.State(key)?.Label ?? key;

    /// <summary>The label an input had in the action's definition (falls back to its key).</summary>
    public string InputLabel(WorkflowHistoryEntry entry, string key) =>
        Workflow.Action(entry.Action)?.InputList.FirstOrDefault(i => i.Key == key)?.Label ?? key;
}
