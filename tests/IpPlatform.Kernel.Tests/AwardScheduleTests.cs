using System.Text.Json.Nodes;
using IpPlatform.Kernel.Awards;

namespace IpPlatform.Kernel.Tests;

/// <summary>When what an award obliges falls due, read from the declarations the modules carry and the programs' settings.</summary>
public sealed class AwardScheduleTests
{
    private static ObligationDeclaration Obligation(string key, ObligationDue due) => new(key, key, "m.form", "m.flow", due);

    private static AwardDeclaration Declaration(params ObligationDeclaration[] obligations) =>
        new("称号", new AwardPeriod("construction", "建设期", Years: "setting:constructionYears"), Obligations: obligations);

    [Fact]
    public void Seed_004_an_annual_report_after_each_year_but_the_last_and_the_acceptance_a_month_after_the_end()
    {
        var declaration = Declaration(
            Obligation("annual-report", new ObligationDue(ObligationDue.EveryAwardYear, Months: "1", OpensMonthsBefore: 1)),
            Obligation("acceptance", new ObligationDue(ObligationDue.PeriodEnd, MonthsAfterEnd: 1, OpensMonthsBefore: 0)),
            Obligation("reacceptance", new ObligationDue(ObligationDue.OnEffect, Months: "setting:rectificationMonths")));
        var settings = new JsonObject { ["constructionYears"] = 2 };
        var start = new DateOnly(2026, 12, 4);

        var occurrences = ObligationSchedule.For(declaration, start, GrantAward.End(declaration.Period, start, settings), settings);

        occurrences.Select(o => (o.Obligation.Key, o.OpensOn, o.DueOn)).ShouldBe(
        [
            ("annual-report", new DateOnly(2027, 12, 4), new DateOnly(2028, 1, 4)),
            ("acceptance", new DateOnly(2028, 12, 3), new DateOnly(2029, 1, 3)),
        ]);
        occurrences[0].PeriodLabel.ShouldBe("第1年度（2026-12-04至2027-12-03）");
    }

    [Fact]
    public void Three_years_of_construction_bring_two_annual_reports()
    {
        var declaration = Declaration(Obligation("annual-report", new ObligationDue(ObligationDue.EveryAwardYear, Months: "1")));
        var settings = new JsonObject { ["constructionYears"] = 3 };
        var start = new DateOnly(2026, 12, 4);

        ObligationSchedule.For(declaration, start, GrantAward.End(declaration.Period, start, settings), settings).Count.ShouldBe(2);
    }

    [Fact]
    public void Seed_002_a_summary_by_the_end_of_the_set_month_of_each_year_it_can_open_within_the_filing()
    {
        var declaration = Declaration(Obligation("annual-summary", new ObligationDue(ObligationDue.Yearly, Month: "setting:annualSummaryMonth", OpensMonthsBefore: 2)));
        var start = new DateOnly(2026, 12, 4);
        var end = new DateOnly(2029, 12, 3);

        ObligationSchedule.For(declaration, start, end, new JsonObject { ["annualSummaryMonth"] = 12 }).Select(o => o.DueOn)
            .ShouldBe([new DateOnly(2027, 12, 31), new DateOnly(2028, 12, 31)], "2026's would open before the filing; 2029's falls after its end");
        ObligationSchedule.For(declaration, start, end, new JsonObject { ["annualSummaryMonth"] = 2 }).Select(o => o.DueOn)
            .ShouldBe([new DateOnly(2027, 2, 28), new DateOnly(2028, 2, 29), new DateOnly(2029, 2, 28)], "the last day of February, leap years included");
    }

    [Fact]
    public void A_period_in_months_and_in_years_ends_the_day_before_its_anniversary()
    {
        GrantAward.End(new AwardPeriod("implementation", "实施期", Months: "10"), new DateOnly(2023, 8, 25), []).ShouldBe(new DateOnly(2024, 6, 24));
        GrantAward.End(new AwardPeriod("validity", "有效期", Years: "3"), new DateOnly(2024, 2, 29), []).ShouldBe(new DateOnly(2027, 2, 27));
    }

    [Fact]
    public void A_value_is_a_literal_a_setting_or_an_input()
    {
        ValueExpression.Int("2", []).ShouldBe(2);
        ValueExpression.Int("setting:months", new JsonObject { ["months"] = 6 }).ShouldBe(6);
        ValueExpression.Int("input:months", [], new JsonObject { ["months"] = "4" }).ShouldBe(4);
        ValueExpression.Int("setting:missing", []).ShouldBeNull();
    }

    [Fact]
    public void Seed_001_the_construction_plan_can_be_drawn_up_from_the_decision_and_is_due_the_set_months_after_it()
    {
        var declaration = Declaration(Obligation("construction-plan", new ObligationDue(ObligationDue.AfterAward, Months: "setting:constructionPlanMonths", OpensAtStart: true)));
        var settings = new JsonObject { ["constructionYears"] = 2, ["constructionPlanMonths"] = 2 };
        var start = new DateOnly(2026, 12, 4);

        var plan = ObligationSchedule.For(declaration, start, GrantAward.End(declaration.Period, start, settings), settings).ShouldHaveSingleItem();

        (plan.OpensOn, plan.DueOn).ShouldBe((start, new DateOnly(2027, 2, 4)));
    }

    [Fact]
    public void Seed_001_the_annual_report_by_the_end_of_february_is_about_the_year_before()
    {
        var declaration = Declaration(Obligation("annual-report", new ObligationDue(ObligationDue.Yearly, Month: "2", OpensMonthsBefore: 2, YearOffset: -1)));
        var settings = new JsonObject { ["constructionYears"] = 2 };
        var start = new DateOnly(2026, 12, 4);

        ObligationSchedule.For(declaration, start, GrantAward.End(declaration.Period, start, settings), settings).Select(o => (o.PeriodLabel, o.DueOn))
            .ShouldBe([("2026年度", new DateOnly(2027, 2, 28)), ("2027年度", new DateOnly(2028, 2, 29))], "the 2028 work is assessed at the end of the term");
    }

    [Fact]
    public void Seed_003_the_stage_check_falls_on_the_round_s_date_or_months_after_a_later_award()
    {
        var declaration = new AwardDeclaration("项目", new AwardPeriod("implementation", "实施期", Months: "12"), Obligations:
            [Obligation("stage-check", new ObligationDue(ObligationDue.RoundMilestone, Months: "5", Milestone: "阶段核查", OpensMonthsBefore: 2))]);
        var milestones = new List<Programs.Milestone> { new("阶段核查", new DateOnly(2024, 1, 5)), new("综合评估", new DateOnly(2024, 6, 30)) };

        var onTheRoundsDate = ObligationSchedule.For(declaration, new DateOnly(2023, 8, 25), new DateOnly(2024, 8, 24), [], milestones).ShouldHaveSingleItem();
        (onTheRoundsDate.OpensOn, onTheRoundsDate.DueOn, onTheRoundsDate.PeriodLabel).ShouldBe((new DateOnly(2023, 11, 5), new DateOnly(2024, 1, 5), "阶段核查（2024-01-05前）"));

        var later = ObligationSchedule.For(declaration, new DateOnly(2024, 3, 1), new DateOnly(2025, 2, 28), [], milestones).ShouldHaveSingleItem();
        later.DueOn.ShouldBe(new DateOnly(2024, 8, 1), "an award made after the round's date counts its months from its own start");
    }

    [Fact]
    public void Seed_000_the_city_s_feedback_after_each_year_of_cultivation_the_last_by_its_final_day()
    {
        var declaration = new AwardDeclaration("培育机构", new AwardPeriod("cultivation", "培育期", Years: "2"), Obligations:
            [Obligation("feedback", new ObligationDue(ObligationDue.EveryAwardYear, Months: "1", ThroughEnd: true))]);
        var start = new DateOnly(2026, 12, 4);

        ObligationSchedule.For(declaration, start, GrantAward.End(declaration.Period, start, []), []).Select(o => o.DueOn)
            .ShouldBe([new DateOnly(2028, 1, 4), new DateOnly(2028, 12, 3)], "the last while the cultivation still runs");
    }
}
