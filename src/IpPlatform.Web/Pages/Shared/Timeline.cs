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
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>(
        Kernel.Authorities.StaffRoleCatalog.All.Select(r => KeyValuePair.Create(r.Key, r.Office)))
    {
        [WorkflowRoles.Applicant] = "申报单位", [WorkflowRoles.System] = "系统",
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

    /// <summary>Facts the platform records beside the inputs (see IWorkflowSubject.MovedAsync).</summary>
    private static readonly IReadOnlyDictionary<string, string> FactLabels = new Dictionary<string, string>
    {
        ["submission"] = "提交序号", ["snapshotSha256"] = "申报书快照 SHA-256", ["submittedAt"] = "原提交时间",
    };

    /// <summary>The inputs of an entry this reader may see, with their labels: applicants do not see notes between authorities.</summary>
    public IEnumerable<(string Label, System.Text.Json.Nodes.JsonNode? Value)> Inputs(WorkflowHistoryEntry entry)
    {
        var declared = Workflow.Action(entry.Action)?.InputList ?? [];
        foreach (var (key, value) in entry.Inputs)
        {
            var input = declared.FirstOrDefault(i => i.Key == key);
            if (input is { Internal: true } && !ForStaff)
            {
                continue;
            }

            yield return (input?.Label ?? FactLabels.GetValueOrDefault(key, key), value);
        }
    }
}
