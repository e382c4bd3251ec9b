using System.Text.Json.Nodes;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Tests;

public sealed class WorkflowEngineTests
{
    /// <summary>The validator as the recipe step runs it: with the effect kinds the awards register.</summary>
    private static IReadOnlyList<(string Path, string Message)> Validate(WorkflowDefinition definition) =>
        WorkflowDefinitionValidator.Validate(definition, [new Awards.AwardEffectKinds()]);

    private static WorkflowDefinition Valid() => WorkflowStore.Read("""
        {
          "key": "test.review", "title": "测试流程", "initial": "draft",
          "states": [
            { "key": "draft", "label": "填写中", "phase": "draft" },
            { "key": "review", "label": "审核中", "phase": "review" },
            { "key": "returned", "label": "退回补正", "phase": "returned", "timer": { "input": "deadline", "expiry": "expire" } },
            { "key": "closed", "label": "已关闭", "phase": "closed" }
          ],
          "actions": [
            { "key": "submit", "label": "提交", "from": ["draft", "returned"], "to": "review", "roles": ["applicant"] },
            { "key": "return", "label": "退回", "from": ["review"], "to": "returned", "roles": ["cityReviewer"], "scope": "city",
              "inputs": [ { "key": "deadline", "label": "补正截止日期", "kind": "date" } ] },
            { "key": "expire", "label": "逾期", "from": ["returned"], "to": "closed", "roles": ["system"] }
          ]
        }
        """, "test").Definition!;

    [Fact]
    public void A_valid_definition_has_no_errors() => Validate(Valid()).ShouldBeEmpty();

    [Theory]
    [InlineData("""{ "to": "nowhere" }""", "actions[0].to", "目标状态“nowhere”不存在")]
    [InlineData("""{ "roles": ["cityReviewer"] }""", "actions[0].scope", "审核动作须指定范围")]
    [InlineData("""{ "roles": ["mayor"] }""", "actions[0].roles", "角色只能是")]
    [InlineData("""{ "guards": ["moonPhase"] }""", "actions[0].guards", "不认识的前置条件“moonPhase”")]
    [InlineData("""{ "trigger": "roundClosed" }""", "actions[0].trigger", "只用于系统动作")]
    [InlineData("""{ "trigger": "fullMoon" }""", "actions[0].trigger", "触发条件只能是")]
    [InlineData("""{ "effects": [ { "kind": "notify", "to": "everyone", "subject": "s", "body": "b" } ] }""", "actions[0].effects[0]", "通知只发给申请单位")]
    [InlineData("""{ "effects": [ { "kind": "revokeAward" } ] }""", "actions[0].effects[0].ending", "效果“revokeAward”的 ending 缺失或无效")]
    [InlineData("""{ "effects": [ { "kind": "launchRocket" } ] }""", "actions[0].effects[0].kind", "效果只能是 notify 或")]
    [InlineData("""{ "guards": [ "input:nothing=1" ] }""", "actions[0].guards", "不认识的前置条件")]
    public void Each_mistake_is_refused_with_its_path(string change, string path, string message)
    {
        var definition = Valid();
        var patch = JsonNode.Parse(change)!.AsObject();
        var action = definition.Actions[0];
        action = action with
        {
            To = patch["to"]?.ToString() ?? action.To,
            Roles = patch["roles"]?.AsArray().Select(r => r!.ToString()).ToList() ?? action.Roles,
            Guards = patch["guards"]?.AsArray().Select(r => r!.ToString()).ToList() ?? action.Guards,
            Trigger = patch["trigger"]?.ToString() ?? action.Trigger,
            Effects = patch["effects"] is JsonArray effects
                ? effects.Select(e => new WorkflowEffect(e!["kind"]!.ToString(), e["to"]?.ToString(), e["subject"]?.ToString(), e["body"]?.ToString())).ToList()
                : action.Effects,
        };
        var errors = Validate(definition with { Actions = [action, .. definition.Actions.Skip(1)] });

        errors.ShouldContain(e => e.Path == path && e.Message.Contains(message), string.Join("; ", errors));
    }

    [Fact]
    public void A_timer_needs_its_date_input_on_every_action_into_the_state_and_a_system_expiry_action()
    {
        var definition = Valid();
        var withoutDeadline = definition with { Actions = [definition.Actions[0], definition.Actions[1] with { Inputs = [] }, definition.Actions[2]] };
        Validate(withoutDeadline).ShouldContain(e => e.Path == "states[2].timer.input");

        var humanExpiry = definition with { Actions = [.. definition.Actions.Take(2), definition.Actions[2] with { Roles = ["cityReviewer"], Scope = "city" }] };
        Validate(humanExpiry).ShouldContain(e => e.Path == "states[2].timer.expiry");

        var orphan = definition with { States = [.. definition.States.Take(2), definition.States[2] with { Timer = null }, definition.States[3]] };
        Validate(orphan).ShouldContain(e => e.Message.Contains("须由计时器到期"));
    }

    [Fact]
    public void Unknown_properties_are_refused_when_read()
    {
        var (definition, error) = WorkflowStore.Read("""{ "key": "x", "title": "t", "initial": "a", "states": [], "actions": [], "colour": "red" }""", "bad.workflow.json");
        definition.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("bad.workflow.json");
    }

    [Fact]
    public void Inputs_are_trimmed_bounded_and_named_in_chinese()
    {
        var action = new WorkflowAction("return", "退回", ["review"], "returned", ["cityReviewer"], "city",
        [
            new WorkflowInput("corrections", "需补正的事项", WorkflowInputKind.Items),
            new WorkflowInput("reason", "退回理由", WorkflowInputKind.LongText, MaxLength: 10),
            new WorkflowInput("deadline", "补正截止日期", WorkflowInputKind.Date),
            new WorkflowInput("choice", "结论", WorkflowInputKind.Choice, Required: false, Options: ["同意", "不同意"]),
        ]);
        var today = new DateOnly(2026, 11, 21);

        var refused = WorkflowInputs.Clean(action, new JsonObject { ["corrections"] = " \n ", ["reason"] = "超过十个字的退回理由文字", ["deadline"] = "2026-11-20", ["choice"] = "也许" }, today);
        refused.Errors.All.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("corrections", "请至少列出一项“需补正的事项”"),
            ("reason", "“退回理由”不能超过10字（现有12字）"),
            ("deadline", "“补正截止日期”不能早于今天（2026-11-21）"),
            ("choice", "“结论”只能从所列选项中选择"),
        ]);

        var cleaned = WorkflowInputs.Clean(action, new JsonObject { ["corrections"] = "一\r\n\n 二 ", ["reason"] = " 理由 ", ["deadline"] = "2026-11-21" }, today);
        cleaned.Value!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ShouldBe("""{"corrections":["一","二"],"reason":"理由","deadline":"2026-11-21"}""");
    }

    [Fact]
    public void The_hash_chain_breaks_at_the_changed_entry()
    {
        var instance = Guid.NewGuid();
        var entries = new List<WorkflowHistoryEntry>();
        var previous = WorkflowHash.Genesis;
        for (var i = 1; i <= 3; i++)
        {
            var entry = new WorkflowHistoryEntry
            {
                Id = Guid.NewGuid(), InstanceId = instance, Sequence = i, At = WorkflowHash.Stored(DateTimeOffset.UtcNow), ActorName = "审核员", Role = "cityReviewer",
                Action = "a" + i, ActionLabel = "动作", FromState = "x", ToState = "y", Inputs = new JsonObject { ["b"] = "2", ["a"] = new JsonArray("一") },
                PreviousHash = previous, Hash = "",
            };
            entry.Hash = WorkflowHash.Of(entry);
            previous = entry.Hash;
            entries.Add(entry);
        }

        WorkflowHash.Verify(entries).ShouldBeNull();
        // Key order does not matter (jsonb reorders keys); content does.
        entries[1].Inputs = new JsonObject { ["a"] = new JsonArray("一"), ["b"] = "2" };
        WorkflowHash.Verify(entries).ShouldBeNull();
        entries[1].Inputs["b"] = "3";
        WorkflowHash.Verify(entries).ShouldBe("第2条记录的内容与其哈希不符（已被改动）");
        WorkflowHash.Verify([entries[0], entries[2]]).ShouldBe("第2条记录缺失或顺序错误（序号为3）");
    }

    [Fact]
    public void Reminders_count_working_days_back_over_holidays()
    {
        var calendar = new WorkingDayCalendar(Enumerable.Range(1, 7)
            .Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Kind = CalendarDayKind.Holiday, Name = "国庆节" })
            .Append(new CalendarDay { Date = new DateOnly(2026, 10, 10), Kind = CalendarDayKind.Workday, Name = "国庆节" }));
        calendar.SubtractWorkingDays(new DateOnly(2026, 10, 12), 3).ShouldBe(new DateOnly(2026, 10, 8)); // Sat 10-10 worked, 10-9, 10-8
        calendar.SubtractWorkingDays(new DateOnly(2026, 10, 8), 1).ShouldBe(new DateOnly(2026, 9, 30));  // over 10-1 … 10-7
    }

    [Fact]
    public void Notification_texts_fill_their_placeholders_and_leave_unknown_ones()
    {
        WorkflowEngine.Render("《{program}》至{deadline}，{unknown}", new Dictionary<string, string> { ["program"] = "项目", ["deadline"] = "2026年12月1日" })
            .ShouldBe("《项目》至2026年12月1日，{unknown}");
    }
}
