using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Workflows;

/// <summary>Seed 004's chain through the pages: 退回 (一次告知, deadline) → 补正 → 重新提交 → 通过 → 省级复核 → 专家评审; 不通过 is final.</summary>
public sealed class HighValuePatentChainTests(WebFixture app)
{
    [Fact]
    public async Task Returned_corrected_resubmitted_passed_and_forwarded_with_every_step_recorded()
    {
        var (applicant, id, email) = await Chains.Submitted004Async(app);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        var province = await app.SignedInAsync(Chains.Province);

        // The queue shows it to the city as waiting; the province has nothing to do yet.
        (await shenyang.GetAsync("/review")).Html.ShouldContain($"/review/{id}");
        var provincePage = await province.GetAsync($"/review/{id}");
        provincePage.Html.ShouldContain("您在当前状态下没有可执行的操作");
        (await Chains.ActAsync(province, id, "forward", [("opinion", "越级")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");

        // A return needs the consolidated list, a reason and a deadline; a refused return keeps what was typed.
        var incomplete = await Chains.ActAsync(shenyang, id, "return", [("reason", "材料不全，详见清单"), ("deadline", "")]);
        incomplete.Status.ShouldBe(HttpStatusCode.OK);
        incomplete.Html.ShouldContain("请至少列出一项“需补正的事项（一次告知，每行一项）”");
        incomplete.Html.ShouldContain("请选择“补正截止日期”");
        incomplete.Html.ShouldContain("材料不全，详见清单");
        (await Chains.ActAsync(shenyang, id, "return", [("corrections", "补充专利清单\n更正联系人电话"), ("reason", "r"), ("deadline", "2020-01-01")]))
            .Html.ShouldContain("不能早于今天");

        var deadline = DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd");
        var returned = await Chains.ActAsync(shenyang, id, "return", [("corrections", "补充专利清单\n\n更正联系人电话"), ("reason", "材料不全"), ("deadline", deadline)]);
        returned.RedirectsTo($"/review/{id}").ShouldBeTrue(Chains.Problems(returned.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("returned");
        (await app.Database.ScalarAsync<string>($"SELECT status FROM applications WHERE id = '{id}'")).ShouldBe("Returned");
        (await app.Database.ScalarAsync<string>($"SELECT deadline::text FROM workflow_instances WHERE subject_id = '{id}'")).ShouldBe(deadline);

        // The applicant is told (inbox and mail) and sees the one consolidated list on the application.
        app.MailTo(email, "需补正的事项：1. 补充专利清单；2. 更正联系人电话").ShouldNotBeEmpty();
        (await applicant.GetAsync("/inbox")).Html.ShouldContain("申报被退回补正");
        var page = (await applicant.GetAsync($"/applications/{id}")).Html;
        page.ShouldContain("申报书被退回补正");
        page.ShouldContain("<li>更正联系人电话</li>");
        page.ShouldContain("补正后重新提交");

        // Corrected and resubmitted: the same application, a second snapshot kept beside the first.
        var resubmitted = await applicant.PostAsync($"/applications/{id}", Chains.CompleteForm(page), $"/applications/{id}/Submit");
        resubmitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Chains.Problems(resubmitted.Html));
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM application_submissions WHERE application_id = '{id}'")).ShouldBe(2);

        // 通过: the opinion defaults to the seed's wording.
        (await shenyang.GetAsync($"/review/{id}")).Html.ShouldContain("材料初审合格，同意推荐");
        (await Chains.ActAsync(shenyang, id, "pass", [("opinion", "材料初审合格，同意推荐")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview");
        (await Chains.ActAsync(shenyang, id, "reject", [("reason", "迟到的决定")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("provinceReview", "the city has no action once it has passed the application on");

        (await Chains.ActAsync(province, id, "forward", [("opinion", "复核通过，提交专家评审")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await Chains.StateAsync(app, id)).ShouldBe("expertReview");

        // Every step is in the history, in order, with its inputs; the applicant's timeline shows the authority, not the person.
        (await app.Database.ScalarAsync<string>($"""
            SELECT string_agg(action, ',' ORDER BY sequence) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id WHERE i.subject_id = '{id}'
            """)).ShouldBe("start,submit,return,resubmit,pass,forward");
        var timeline = (await applicant.GetAsync($"/applications/{id}")).Html;
        timeline.ShouldContain("办理进度");
        timeline.ShouldContain("沈阳市知识产权局");
        timeline.ShouldNotContain("沈阳市局审核员");
        (await shenyang.GetAsync($"/review/{id}")).Html.ShouldContain("沈阳市知识产权局 市级审核（沈阳市局审核员）");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'workflow.return' AND object_id = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Not_passing_is_final_and_the_round_cannot_be_applied_for_again()
    {
        var (applicant, id, email) = await Chains.Submitted004Async(app);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await Chains.ActAsync(shenyang, id, "reject", [("reason", "不符合申报条件")])).RedirectsTo($"/review/{id}").ShouldBeTrue();

        (await Chains.StateAsync(app, id)).ShouldBe("rejected");
        app.MailTo(email, "本批次不能再次申报").ShouldNotBeEmpty();
        var again = await applicant.PostAsync("/apply/high-value-patent-2026-demo", []);
        again.Location.ShouldBe($"/applications/{id}", "the same application, not a new one");
        var page = (await applicant.GetAsync($"/applications/{id}")).Html;
        page.ShouldContain("不通过");
        page.ShouldNotContain("提交申报书");
        (await shenyang.GetAsync($"/review/{id}")).Html.ShouldContain("您在当前状态下没有可执行的操作");
    }

    [Fact]
    public async Task Reviewers_outside_the_applicants_city_or_district_get_not_found()
    {
        var (_, id, _) = await Chains.Submitted004Async(app, district: "210106");
        foreach (var outsider in new[] { Chains.Dalian, Chains.Heping })
        {
            var client = await app.SignedInAsync(outsider);
            (await client.GetAsync($"/review/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/review/{id}/file?slot=patentList")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync("/review?view=all")).Html.ShouldNotContain($"/review/{id}");
        }

        (await Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "noSuchAction")).RedirectsTo($"/review/{id}").ShouldBeTrue();

        // An applicant, even of the same city, is not a reviewer; another organisation's applicant does not see it either.
        var (other, _, _) = await Chains.OrganisationAsync(app);
        (await other.GetAsync($"/review/{id}")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        (await other.GetAsync($"/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Chains.StateAsync(app, id)).ShouldBe("cityReview");
    }
}
