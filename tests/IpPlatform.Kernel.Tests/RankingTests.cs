using IpPlatform.Kernel.Reviews;

namespace IpPlatform.Kernel.Tests;

public sealed class RankingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 1, 0, 0, TimeSpan.Zero);

    private static RankingEntry Entry(string name, DateTimeOffset? submitted, params (decimal Total, decimal Plan)[] sheets) =>
        new(Guid.NewGuid(), name, submitted, sheets.Select(s => new SheetScore(s.Total, s.Plan)).ToList());

    [Fact]
    public void Fewer_sheets_than_the_trimming_threshold_are_averaged_as_they_are()
    {
        var ranked = Ranking.Rank([Entry("甲", Monday, (80, 24), (90, 27), (70, 21))], trimFrom: 5).ShouldHaveSingleItem();
        ranked.Score.ShouldBe(80m);
        ranked.Trimmed.ShouldBeFalse();
    }

    [Fact]
    public void From_the_threshold_on_the_highest_and_the_lowest_total_are_dropped()
    {
        var ranked = Ranking.Rank([Entry("甲", Monday, (60, 18), (80, 24), (82, 25), (84, 25), (99, 30))], trimFrom: 5).ShouldHaveSingleItem();
        ranked.Score.ShouldBe(82m);
        ranked.Trimmed.ShouldBeTrue();
        ranked.Sheets.ShouldBe(5);
    }

    [Fact]
    public void Ties_go_to_the_heavier_item_then_the_earlier_submission_and_otherwise_share_the_rank()
    {
        var ranked = Ranking.Rank(
        [
            Entry("乙：同分，建设方案较低", Monday, (85, 20), (85, 20)),
            Entry("甲：同分，建设方案较高", Monday, (85, 28), (85, 26)),
            Entry("丙：最高分", Monday.AddDays(1), (95, 25)),
            Entry("丁：与乙全同但提交较晚", Monday.AddHours(1), (85, 20), (85, 20)),
            Entry("戊：与乙全同", Monday, (85, 20), (85, 20)),
            Entry("己：尚无评分", Monday),
        ], trimFrom: 5);

        ranked.Select(r => (r.Rank, r.Organisation[..1])).ShouldBe([(1, "丙"), (2, "甲"), (3, "乙"), (3, "戊"), (5, "丁")]);
    }

    [Fact]
    public void A_thousand_applications_with_five_experts_each_rank_well_within_the_budget()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 1000).Select(i => Entry($"单位{i}", Monday.AddMinutes(i),
            Enumerable.Range(0, 5).Select(_ => ((decimal)random.Next(600, 1000) / 10, (decimal)random.Next(100, 300) / 10)).ToArray())).ToList();
        var ranked = Ranking.Rank(entries, trimFrom: 5);
        ranked.Count.ShouldBe(1000);
        ranked.Select(r => r.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void A_rubric_must_have_named_bounded_items()
    {
        var bad = new Rubric("High Value", "", [new RubricItem("a", "项", 0), new RubricItem("a", "", 10.55m)]);
        RubricsRecipeStep.Problems(bad).Select(p => p.Path).ShouldBe(["key", "", "items[0]", "items[1].key", "items[1]"]);
        new Rubric("high-value-patent.expert", "附件3", [new RubricItem("plan", "建设方案", 30)]).Total.ShouldBe(30m);
        var tooMany = new Rubric("x.expert", "过多", Enumerable.Range(0, RubricsRecipeStep.MaxItems + 1).Select(i => new RubricItem($"i{i}", "项", 1)).ToList());
        RubricsRecipeStep.Problems(tooMany).ShouldContain(p => p.Path == "" && p.Message.Contains("1–50 个评分项"));
    }
}
