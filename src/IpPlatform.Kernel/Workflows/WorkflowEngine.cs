using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Workflows;

/// <summary>
/// Applies workflow actions. One action is one database transaction: role, scope, inputs and guards are checked; the
/// state moves; the history gains a hash-chained entry; the state's timer is set or cleared; notifications and the
/// audit record are staged; the subject keeps itself in step. Two people acting on one instance at once: the first
/// wins and the second is told, nothing half-done.
/// </summary>
public sealed partial class WorkflowEngine(
    DbContext db, CalendarStore calendars, NotificationService notifications, NotificationMailer mailer, AuditLog audit, TimeProvider clock)
{
    private readonly StateTimers timers = new(calendars);

    public const string ConflictMessage = "该申报刚被他人处理过，本次操作未生效；请刷新页面查看最新状态后再操作";

    /// <summary>
    /// A new instance in the definition's initial state, its history opened with a first entry (staged, not saved). With
    /// <paramref name="submittedAt"/> (an application submitted before it had an instance) the system then places it where
    /// the applicant's submission leads, with an entry saying so.
    /// </summary>
    /// <remarks>
    /// An obligation passes its <paramref name="dueOn"/>: an initial state whose timer is "due" then runs to that day
    /// (reminder and expiry as the timer says).
    /// </remarks>
    public async Task<WorkflowInstance> StartAsync(
        WorkflowVersion version, WorkflowInstance shape, WorkflowActor actor, DateTimeOffset? submittedAt = null, DateOnly? dueOn = null, CancellationToken ct = default)
    {
        var instance = Start(version, shape, actor, submittedAt);
        if (version.Definition.State(instance.State) is { Timer: { Due: true } } state && dueOn is { } due)
        {
            var timer = await timers.SetAsync(state, [], WorkflowHash.Stored(clock.GetUtcNow()), new StateTimers.FixedDue(due), ct);
            if (timer.Succeeded)
            {
                (instance.Deadline, instance.DueAt, instance.ExpiryAction, instance.RemindAt) = timer.Value!;
            }
        }

        return instance;
    }

    public WorkflowInstance Start(WorkflowVersion version, WorkflowInstance shape, WorkflowActor actor, DateTimeOffset? submittedAt = null)
    {
        var now = WorkflowHash.Stored(clock.GetUtcNow());
        var initial = version.Definition.State(version.Definition.Initial)!;
        shape.Id = shape.Id == Guid.Empty ? Guid.CreateVersion7() : shape.Id;
        (shape.WorkflowKey, shape.WorkflowVersion, shape.State, shape.Phase) = (version.Key, version.Version, initial.Key, initial.Phase);
        (shape.StateEnteredAt, shape.UpdatedAt) = (now, now);
        db.Add(shape);
        var startedBy = actor.IsSystem ? new WorkflowGrant(WorkflowRoles.System, "", false)
            : actor.OrganisationId is not null ? new WorkflowGrant(WorkflowRoles.Applicant, "", false)
            : actor.Grants.FirstOrDefault(g => Authorities.StaffRoleCatalog.IsReviewer(g.Role)) ?? new WorkflowGrant("staff", "", false);
        Append(shape, actor, startedBy, "start", "开始", "", initial.Key, [], now);
        if (submittedAt is { } submitted && version.Definition.ActionsFrom(initial.Key).FirstOrDefault(a => a.ByApplicant) is { } submit)
        {
            var to = version.Definition.State(submit.To)!;
            (shape.State, shape.Phase, shape.SubmittedAt) = (to.Key, to.Phase, submitted);
            Append(shape, WorkflowActor.System, new WorkflowGrant(WorkflowRoles.System, "", false), "resume", "接续此前已提交的申报", initial.Key, to.Key,
                new JsonObject { ["submittedAt"] = submitted.ToString("O") }, now);
        }

        return shape;
    }

    /// <summary>The actions <paramref name="actor"/> may take on <paramref name="instance"/> now (role and scope; guards are checked on apply).</summary>
    public static IReadOnlyList<WorkflowAction> Available(WorkflowDefinition definition, WorkflowInstance instance, WorkflowActor actor) =>
        definition.ActionsFrom(instance.State).Where(a => !a.BySystem && actor.GrantFor(a, instance) is not null).ToList();

    public async Task<Outcome<WorkflowHistoryEntry>> ApplyAsync(
        WorkflowInstance instance, WorkflowDefinition definition, string actionKey, WorkflowActor actor, JsonObject inputs,
        IWorkflowSubject subject, CancellationToken ct = default)
    {
        var from = definition.State(instance.State)!;
        if (definition.Action(actionKey) is not { } action || !action.From.Contains(instance.State))
        {
            return Outcome<WorkflowHistoryEntry>.Fail("", $"申报当前处于“{from.Label}”，不能执行该操作");
        }

        if (actor.GrantFor(action, instance) is not { } grant)
        {
            return Outcome<WorkflowHistoryEntry>.Fail("", $"您没有在该申报上执行“{action.Label}”的权限");
        }

        var now = WorkflowHash.Stored(clock.GetUtcNow());
        var cleaned = WorkflowInputs.Clean(action, inputs, BeijingTime.Today(clock));
        if (!cleaned.Succeeded)
        {
            return Outcome<WorkflowHistoryEntry>.Fail(cleaned.Errors);
        }

        var refusals = new FieldErrors();
        foreach (var guard in action.GuardList)
        {
            var refusal = guard.StartsWith(WorkflowRoles.InputGuardPrefix, StringComparison.Ordinal)
                ? InputRefusal(guard, action, cleaned.Value!)
                : await subject.GuardRefusalAsync(guard, instance, cleaned.Value!, ct);
            if (refusal is not null)
            {
                refusals.Add("", refusal);
            }
        }

        if (refusals.Any)
        {
            return Outcome<WorkflowHistoryEntry>.Fail(refusals);
        }

        var to = definition.State(action.To)!;
        if (definition.ActionsFrom(to.Key).Any(a => a.Scope == "district") && instance.DistrictCode is null)
        {
            return Outcome<WorkflowHistoryEntry>.Fail("", "该项目由所在区县先行审核，贵单位尚未登记所在区县；请在单位信息中补充后再提交");
        }

        var values = cleaned.Value!;
        var timer = await timers.SetAsync(to, values, now, subject, ct);
        if (!timer.Succeeded)
        {
            return Outcome<WorkflowHistoryEntry>.Fail(timer.Errors);
        }

        (instance.State, instance.Phase, instance.StateEnteredAt, instance.UpdatedAt) = (to.Key, to.Phase, now, now);
        if (to.Phase != WorkflowPhase.Draft)
        {
            instance.SubmittedAt ??= now;   // out of the draft: reviewers in scope see it from now on
        }

        (instance.Deadline, instance.DueAt, instance.ExpiryAction, instance.RemindAt) = timer.Value!;
        instance.RemindedAt = null;
        var recorded = (JsonObject)values.DeepClone();
        JsonObject? facts;
        try
        {
            facts = await subject.MovedAsync(instance, action, to, values, actor, ct);
        }
        catch (WorkflowRefusal refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome<WorkflowHistoryEntry>.Fail("", refusal.Message);
        }

        foreach (var (key, value) in facts ?? [])
        {
            recorded[key] = value?.DeepClone();
        }

        var entry = Append(instance, actor, grant, action.Key, action.Label, from.Key, to.Key, recorded, now);

        var placeholders = new Dictionary<string, string>(subject.Placeholders)
        {
            ["action"] = action.Label, ["state"] = to.Label, ["deadline"] = instance.Deadline?.ToString("yyyy年M月d日") ?? "",
        };
        foreach (var (key, value) in values)
        {
            placeholders[key] = WorkflowInputs.Text(value);
        }

        foreach (var effect in action.EffectList.Where(e => e.Kind == WorkflowRoles.NotifyEffect))
        {
            notifications.Add(instance.OrganisationId, Render(effect.Subject!, placeholders), Render(effect.Body!, placeholders), subject.ApplicantLink);
        }

        audit.Add($"workflow.{action.Key}", objectType: "application", objectId: instance.SubjectId.ToString(),
            details: new JsonObject
            {
                ["workflow"] = instance.Reference, ["from"] = from.Key, ["to"] = to.Key, ["role"] = grant.Role, ["authority"] = grant.Authority,
                ["sequence"] = entry.Sequence,
            },
            actorId: actor.UserId, actorName: actor.Name);

        if (!await SaveAsync(ct))
        {
            return Outcome<WorkflowHistoryEntry>.Fail("", ConflictMessage);
        }

        mailer.Poke();
        return Outcome<WorkflowHistoryEntry>.Ok(entry);
    }

    /// <summary>
    /// Saves the unit of work; false when another action on the same instance committed first (its row version moved,
    /// or its history already has this entry's sequence number): then nothing of this action is kept.
    /// </summary>
    public async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private WorkflowHistoryEntry Append(
        WorkflowInstance instance, WorkflowActor actor, WorkflowGrant grant, string action, string label, string from, string to, JsonObject inputs, DateTimeOffset at)
    {
        var entry = new WorkflowHistoryEntry
        {
            Id = Guid.CreateVersion7(), InstanceId = instance.Id, Sequence = instance.LastSequence + 1, At = at, ActorId = actor.UserId,
            ActorName = actor.Name, Role = grant.Role, Authority = grant.Authority.Length == 0 ? null : grant.Authority, Action = action,
            ActionLabel = label, FromState = from, ToState = to, Inputs = inputs,
            PreviousHash = instance.LastSequence == 0 ? WorkflowHash.Genesis : instance.LastHash, Hash = "",
        };
        entry.Hash = WorkflowHash.Of(entry);
        (instance.LastSequence, instance.LastHash) = (entry.Sequence, entry.Hash);
        db.Add(entry);
        return entry;
    }

    /// <summary>Why an "input:path=value" guard does not hold for the action's inputs; null when it does.</summary>
    private static string? InputRefusal(string guard, WorkflowAction action, JsonObject inputs)
    {
        var (path, expected) = guard[WorkflowRoles.InputGuardPrefix.Length..].Split('=', 2) is [var p, var v] ? (p, v) : (guard, "");
        var parts = path.Split('.', 2);
        var node = inputs[parts[0]];
        var actual = parts.Length == 2 ? (node as JsonObject)?[parts[1]]?.ToString() : node?.ToString();
        if (actual == expected)
        {
            return null;
        }

        var label = action.InputList.FirstOrDefault(i => i.Key == parts[0])?.Label ?? parts[0];
        return $"“{action.Label}”须在“{label}”中选择“{expected}”" + (string.IsNullOrEmpty(actual) ? "" : $"（所填为“{actual}”，请改用相应的操作）");
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
}
