using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Organisations;

namespace IpPlatform.Kernel.Tests;

public sealed class FormEngineTests
{
    public static TheoryData<string> SeedForms() =>
        [.. Directory.GetFiles(Repository.Path("modules"), "*.form.json", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Repository.Root, p))];

    private static FormDefinition Load(string relative) =>
        JsonSerializer.Deserialize<FormDefinition>(File.ReadAllText(Repository.Path(relative)), FormStore.Json)!;

    [Theory]
    [MemberData(nameof(SeedForms))]
    public void Every_seed_form_is_a_valid_definition(string file)
    {
        FormDefinitionValidator.Validate(Load(file)).ShouldBeEmpty();
    }

    private static readonly FormDefinition Sample = new("test.form", "测试表",
    [
        new FormSection("basic", "一、基本情况",
        [
            new FormField("name", "单位名称", FieldKind.Text, MaxLength: 10),
            new FormField("staff", "职工人数", FieldKind.Integer, Min: 10, Unit: "人"),
            new FormField("assets", "资产总额（万元）", FieldKind.Money, Unit: "万元"),
            new FormField("kind", "企业类型", FieldKind.Choice, Options: ["国有", "民营"], Other: true),
            new FormField("split", "业务领域比例", FieldKind.Split, Options: ["专利代理", "商标代理", "其他"]),
            new FormField("history", "近三年情况", FieldKind.YearTable, Years: [2021, 2022, 2023], Rows: [new YearRow("revenue", "营业收入", FieldKind.Money, "万元")], Total: true),
            new FormField("budget", "经费预算", FieldKind.Table, Columns: [new TableColumn("item", "支出科目"), new TableColumn("amount", "预算金额（万元）", FieldKind.Money, Unit: "万元")],
                Totals: ["amount"], MaxTotal: new TotalLimit("amount", 100)),
        ]),
        new FormSection("joint", "联合申报", [new FormField("hasJoint", "是否联合申报", FieldKind.YesNo)]),
        new FormSection("partner", "表3", [new FormField("partnerName", "服务机构名称", FieldKind.Text)],
            When: new SectionCondition("joint.hasJoint", JsonDocument.Parse("true").RootElement)),
        new FormSection("opinion", "推荐意见", [new FormField("opinion", "推荐意见", FieldKind.LongText)], FilledBy: "city"),
    ], Declarations: [new FormDeclaration("credit", "信用承诺书", "本单位承诺……")]);

    private static JsonObject Answers(Action<JsonObject> change)
    {
        var answers = JsonNode.Parse("""
            { "basic": { "name": "测试公司", "staff": "12", "assets": "1234.5", "kind": "民营", "kind.other": "",
                         "split": { "专利代理": "60", "商标代理": "30", "其他": "10" },
                         "history": { "revenue": { "2021": "100", "2022": "120.5", "2023": "130" } },
                         "budget": [ { "item": "平台建设", "amount": "60" }, { "item": "活动组织", "amount": "40" } ] },
              "joint": { "hasJoint": "false" } }
            """)!.AsObject();
        change(answers);
        return answers;
    }

    private static IReadOnlyList<string> Problems(JsonObject answers, params string[] accepted) =>
        FormAnswers.Validate(Sample, null, answers, accepted.ToHashSet()).Select(p => p.Message).ToList();

    [Fact]
    public void A_complete_form_has_no_problems()
    {
        Problems(Answers(_ => { }), "credit").ShouldBeEmpty();
    }

    [Fact]
    public void Sections_for_reviewers_and_unmet_conditions_are_not_the_applicants()
    {
        var sections = FormAnswers.ApplicantSections(Sample, null, Answers(_ => { })).Select(s => s.Key).ToList();
        sections.ShouldBe(["basic", "joint"]);

        var joint = Answers(a => a["joint"]!["hasJoint"] = "true");
        FormAnswers.ApplicantSections(Sample, null, joint).Select(s => s.Key).ShouldBe(["basic", "joint", "partner"]);
        Problems(joint, "credit").ShouldBe(["请填写“服务机构名称”"]);
    }

    [Theory]
    [InlineData("name", "这个名称实在是太长了超过十个字", "“单位名称”不超过10字，现有15字")]
    [InlineData("staff", "9", "“职工人数”不能小于10人")]
    [InlineData("staff", "12.5", "“职工人数”应为整数")]
    [InlineData("staff", "十二", "“职工人数”应为整数")]
    [InlineData("assets", "12.345", "“资产总额（万元）”最多保留两位小数")]
    [InlineData("assets", "-1", "“资产总额（万元）”不能小于0万元")]
    [InlineData("kind", "外资", "“企业类型”的选项无效")]
    [InlineData("kind", "其他（请注明）", "“企业类型”选择了其他，请注明")]
    [InlineData("name", "", "请填写“单位名称”")]
    public void Each_bad_value_is_named_in_chinese(string field, string value, string message)
    {
        Problems(Answers(a => a["basic"]![field] = value), "credit").ShouldBe([message]);
    }

    [Fact]
    public void A_percentage_split_must_total_one_hundred()
    {
        Problems(Answers(a => a["basic"]!["split"]!["其他"] = "5"), "credit").ShouldBe(["“业务领域比例”各项合计应为100%，现为95%"]);
    }

    [Fact]
    public void Year_tables_and_tables_name_the_cell_and_totals_are_computed()
    {
        var answers = Answers(a =>
        {
            a["basic"]!["history"]!["revenue"]!["2022"] = "";
            a["basic"]!["budget"]!.AsArray().Add(new JsonObject { ["item"] = "其他", ["amount"] = "0.5" });
        });

        Problems(answers, "credit").ShouldBe(["请填写“近三年情况”中2022年的“营业收入”", "“经费预算”合计不得超过100万元，现为100.5万元"]);
        FormAnswers.RowTotal(answers["basic"]!["history"], "revenue").ShouldBe(230m);
        FormAnswers.ColumnTotal(answers["basic"]!["budget"], "amount").ShouldBe(100.5m);
    }

    [Fact]
    public void A_required_declaration_must_be_accepted()
    {
        Problems(Answers(_ => { })).ShouldBe(["请阅读并确认“信用承诺书”"]);
    }

    [Fact]
    public void Posted_values_become_answers_without_losing_anything()
    {
        var posted = new Dictionary<string, string[]>
        {
            ["a.basic.name"] = ["  测试公司 "], ["a.basic.staff"] = ["abc"], ["a.basic.split.0"] = ["60"], ["a.basic.history.revenue.2021"] = ["100"],
            ["a.basic.budget.rows"] = ["2"], ["a.basic.budget.0.item"] = ["平台建设"], ["a.basic.budget.1.amount"] = ["40"],
        };

        var answers = FormAnswers.FromForm(Sample, Sample.Sections.Take(1), n => posted.GetValueOrDefault(n, []));

        answers["basic"]!["name"]!.ToString().ShouldBe("测试公司");
        answers["basic"]!["staff"]!.ToString().ShouldBe("abc");
        answers["basic"]!["split"]!["专利代理"]!.ToString().ShouldBe("60");
        answers["basic"]!["history"]!["revenue"]!["2021"]!.ToString().ShouldBe("100");
        answers["basic"]!["budget"]!.AsArray().Count.ShouldBe(2);
        answers["basic"]!["budget"]![1]!["amount"]!.ToString().ShouldBe("40");
    }

    [Fact]
    public void A_broken_definition_is_refused_with_paths()
    {
        var broken = Sample with
        {
            Key = "Bad Key",
            Sections = [new FormSection("basic", "x", [new FormField("pick", "选择", FieldKind.Choice), new FormField("pick", "重复", FieldKind.Text)], Variant: "nope")],
        };

        FormDefinitionValidator.Validate(broken).Select(e => e.Path).ShouldBe(
            ["key", "sections[0].variant", "sections[0].fields[0].options", "sections[0].fields[1].key"]);
    }

    [Fact]
    public void Keys_that_become_answer_properties_must_be_distinct_and_tables_bounded()
    {
        var broken = Sample with
        {
            Sections = [new FormSection("basic", "x", [
                new FormField("pick", "选择", FieldKind.Choice, Options: ["甲", "甲"]),
                new FormField("years", "逐年", FieldKind.YearTable, Years: [2023, 2023], Rows: [new YearRow("a", "甲", FieldKind.Integer), new YearRow("a", "乙", FieldKind.Integer)]),
                new FormField("list", "清单", FieldKind.Table, Columns: [new TableColumn("c", "列")], MaxRows: 100_000),
                new FormField("essay", "说明", FieldKind.LongText, MaxLength: 10_000_000)])],
        };

        FormDefinitionValidator.Validate(broken).Select(e => e.Path).ShouldBe(
            ["sections[0].fields[0].options", "sections[0].fields[1].rows", "sections[0].fields[1].years", "sections[0].fields[2].maxRows", "sections[0].fields[3].maxLength"]);
    }

    [Fact]
    public void A_threshold_the_program_does_not_configure_fails_closed()
    {
        var applicant = new Organisations.ApplicantProfile(Guid.NewGuid(), "示例", "Enterprise", "210100", null, new DateOnly(2000, 1, 1), 500, Certified: true);
        var rules = new List<Applications.EligibilityRule> { new("minStaff", "工作人员应在{value}人以上", Setting: "minStaff") };

        var result = Applications.Eligibility.Check(rules, applicant, [], "210100", new DateOnly(2026, 11, 21), null).ShouldHaveSingleItem();

        result.Passed.ShouldBeFalse();
        result.Message.ShouldContain("设置缺失");
        Applications.Eligibility.Check(rules, applicant, new System.Text.Json.Nodes.JsonObject { ["minStaff"] = 10 }, "210100", new DateOnly(2026, 11, 21), null)
            .ShouldHaveSingleItem().Passed.ShouldBeTrue();
    }

    private static readonly Organisations.ApplicantProfile Platform =
        new(Guid.NewGuid(), "辽宁示例技术产权交易中心", "TechnologyExchange", "210100", null, new DateOnly(2010, 1, 1), 40, Certified: true, "91210100MA0Q000007");

    [Fact]
    public void Seed_003_a_figure_below_a_relaxable_minimum_is_flagged_not_refused()
    {
        var rules = new List<Applications.EligibilityRule> { new("answerMin", "服务应覆盖{value}家以上", Setting: "minServedFirms", Field: "foundation.servedFirms", Flag: true) };
        var settings = new System.Text.Json.Nodes.JsonObject { ["minServedFirms"] = 300 };
        System.Text.Json.Nodes.JsonObject Answers(string served) => new() { ["foundation"] = new System.Text.Json.Nodes.JsonObject { ["servedFirms"] = served } };

        var below = Applications.Eligibility.Check(rules, Platform, settings, "210000", new DateOnly(2026, 12, 4), Answers("250")).ShouldHaveSingleItem();
        (below.Passed, below.Flagged, below.Refuses).ShouldBe((false, true, false));
        below.Message.ShouldBe("服务应覆盖300家以上");
        Applications.Eligibility.Check(rules, Platform, settings, "210000", new DateOnly(2026, 12, 4), Answers("300")).ShouldHaveSingleItem().Passed.ShouldBeTrue();
        Applications.Eligibility.Check(rules, Platform, settings, "210000", new DateOnly(2026, 12, 4), Answers("")).ShouldHaveSingleItem().Refuses.ShouldBeTrue("a missing figure is not a figure to relax");
    }

    [Fact]
    public void A_cap_on_a_table_s_total_reads_the_column_s_sum()
    {
        var rules = new List<Applications.EligibilityRule> { new("answerAtMost", "预算合计不得超过{value}万元", Setting: "maxBudgetTenThousandYuan", Field: "budget.items.amount") };
        var answers = System.Text.Json.Nodes.JsonNode.Parse("""{ "budget": { "items": [ { "amount": "60" }, { "amount": "45.5" } ] } }""")!.AsObject();

        Applications.Eligibility.Check(rules, Platform, new() { ["maxBudgetTenThousandYuan"] = 100 }, "210000", new DateOnly(2026, 12, 4), answers).ShouldHaveSingleItem().Passed.ShouldBeFalse();
        Applications.Eligibility.Check(rules, Platform, new() { ["maxBudgetTenThousandYuan"] = 120 }, "210000", new DateOnly(2026, 12, 4), answers).ShouldHaveSingleItem().Passed.ShouldBeTrue();
    }

    [Fact]
    public void No_sanction_within_the_years_the_program_sets()
    {
        var rules = new List<Applications.EligibilityRule> { new("noSanctionsWithin", "近{value}年应无惩戒", Setting: "yearsWithoutSanction") };
        var settings = new System.Text.Json.Nodes.JsonObject { ["yearsWithoutSanction"] = 2 };
        var today = new DateOnly(2026, 12, 4);

        Applications.Eligibility.Check(rules, Platform, settings, "210000", today, null).ShouldHaveSingleItem().Passed.ShouldBeTrue("nothing on record");
        var recent = Applications.Eligibility.Check(rules, Platform, settings, "210000", today, null, lastSanctionOn: new DateOnly(2025, 6, 1)).ShouldHaveSingleItem();
        recent.Passed.ShouldBeFalse();
        recent.Message.ShouldBe("近2年应无惩戒（平台记录：2025年6月1日受到惩戒或被记入失信记录）");
        Applications.Eligibility.Check(rules, Platform, settings, "210000", today, null, lastSanctionOn: new DateOnly(2024, 12, 3)).ShouldHaveSingleItem().Passed.ShouldBeTrue();
    }

    [Fact]
    public void A_form_quoting_a_setting_shows_each_program_s_own_value()
    {
        var form = Sample with
        {
            Sections = [new FormSection("basic", "一、基本情况", [new FormField("coreArea", "核心区面积", FieldKind.Integer, Hint: "不少于{setting:minCoreAreaSquareMetres}平方米")])],
            Declarations = [new FormDeclaration("d", "声明", "近{setting:years}年内未发生恶意侵权案件。")],
        };

        FormSettingText.Quoted(form).ShouldBe(["minCoreAreaSquareMetres", "years"]);
        var province = FormSettingText.Resolve(form, "f@1", new() { ["minCoreAreaSquareMetres"] = 500, ["years"] = 3 });
        var city = FormSettingText.Resolve(form, "f@1", new() { ["minCoreAreaSquareMetres"] = 800, ["years"] = 3 });
        province.Sections[0].Fields[0].Hint.ShouldBe("不少于500平方米");
        city.Sections[0].Fields[0].Hint.ShouldBe("不少于800平方米");
        city.DeclarationList[0].Text.ShouldBe("近3年内未发生恶意侵权案件。");
        FormSettingText.Resolve(Sample, "s@1", []).ShouldBeSameAs(Sample, "a form that quotes nothing is not copied");
    }

    [Fact]
    public void Profile_fields_are_filled_on_opening_and_the_name_and_credit_code_cannot_be_posted_over()
    {
        var form = Sample with
        {
            Variants = [],
            Sections = [new FormSection("basic", "一", [
                new FormField("name", "单位名称", FieldKind.Text, Profile: "name"),
                new FormField("creditCode", "统一社会信用代码", FieldKind.Text, Profile: "creditCode"),
                new FormField("address", "地址", FieldKind.Text, Profile: "address")])],
        };
        var profile = Platform with { Address = "沈阳市浑南区示例路1号" };
        var answers = new System.Text.Json.Nodes.JsonObject();

        FormPrefill.FromProfile(form, null, answers, profile);
        answers["basic"]!["address"]!.ToString().ShouldBe("沈阳市浑南区示例路1号");

        var posted = System.Text.Json.Nodes.JsonNode.Parse("""{ "basic": { "name": "别的单位", "creditCode": "91110000000000000X", "address": "新地址" } }""")!.AsObject();
        FormPrefill.KeepLocked(form, null, posted, answers);
        (posted["basic"]!["name"]!.ToString(), posted["basic"]!["creditCode"]!.ToString(), posted["basic"]!["address"]!.ToString())
            .ShouldBe(("辽宁示例技术产权交易中心", "91210100MA0Q000007", "新地址"));
    }
}
