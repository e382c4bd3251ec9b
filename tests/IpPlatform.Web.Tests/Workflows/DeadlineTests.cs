using IpPlatform.Kernel.Calendar;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Workflows;

/// <summary>Correction deadlines, their reminder, publicity periods and round closing, run by the timer job.</summary>
public sealed class DeadlineTests(WebFixture app)
{
    private async Task<(FormClient Applicant, Guid Id, string Email)> ReturnedAsync(string deadline)
    {
        var submitted = await Chains.Submitted004Async(app);
        var returned = await Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), submitted.Id, "return",
            [("corrections", "补充研发投入说明"), ("reason", "缺少说明"), ("deadline", deadline)]);
        returned.RedirectsTo($"/review/{submitted.Id}").ShouldBeTrue(Chains.Problems(returned.Html));
        return submitted;
    }

    [Fact]
    public async Task A_missed_correction_deadline_closes_the_application_as_overdue()
    {
        var (applicant, id, email) = await ReturnedAsync(Chains.Today);
        await app.Database.ScalarAsync<int>($"UPDATE workflow_instances SET due_at = now() - interval '1 minute' WHERE subject_id = '{id}'");

        // Past the deadline the applicant can no longer change or resubmit, even before the timer has run.
        var late = await applicant.PostAsync($"/applications/{id}", [new("a.entBasic.totalStaff", "9")], $"/applications/{id}/Autosave");
        late.Html.ShouldContain("补正期限");
        (await Chains.StateAsync(app, id)).ShouldBe("returned");

        var run = await Chains.RunTimersAsync(app);
        run.Expired.ShouldBeGreaterThanOrEqualTo(1);
        (await Chains.StateAsync(app, id)).ShouldBe("overdue");
        (await app.Database.ScalarAsync<string>($"SELECT status FROM applications WHERE id = '{id}'")).ShouldBe("Closed");
        app.MailTo(email, "未在补正期限内重新提交").ShouldNotBeEmpty();
        (await app.Database.ScalarAsync<string>($"""
            SELECT role || ':' || action FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id
            WHERE i.subject_id = '{id}' ORDER BY sequence DESC LIMIT 1
            """)).ShouldBe("system:expire");
    }

    [Fact]
    public async Task A_program_can_keep_overdue_corrections_open_and_the_city_can_extend_the_deadline()
    {
        await app.Database.ScalarAsync<int>("UPDATE programs SET settings = settings || '{\"closeOverdueCorrections\": false}' WHERE slug = 'high-value-patent'");
        try
        {
            var (_, id, email) = await ReturnedAsync(Chains.Today);
            await app.Database.ScalarAsync<int>($"UPDATE workflow_instances SET due_at = now() - interval '1 minute' WHERE subject_id = '{id}'");
            (await Chains.RunTimersAsync(app)).Refused.ShouldBeGreaterThanOrEqualTo(1);
            (await Chains.StateAsync(app, id)).ShouldBe("returned");
            (await app.Database.ScalarAsync<bool>($"SELECT expiry_action IS NULL FROM workflow_instances WHERE subject_id = '{id}'")).ShouldBeTrue("not retried every minute");

            var queue = (await (await app.SignedInAsync(Chains.Shenyang)).GetAsync("/review?view=all&overdue=true")).Html;
            queue.ShouldContain($"/review/{id}");
            queue.ShouldContain("已逾期");

            var later = DateTime.UtcNow.AddHours(8).AddDays(7).ToString("yyyy-MM-dd");
            var extended = await Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "extendDeadline", [("deadline", later), ("reason", "单位申请延期")]);
            extended.RedirectsTo($"/review/{id}").ShouldBeTrue(Chains.Problems(extended.Html));
            (await app.Database.ScalarAsync<string>($"SELECT deadline::text || ' ' || (expiry_action IS NOT NULL) FROM workflow_instances WHERE subject_id = '{id}'"))
                .ShouldBe($"{later} true");
            app.MailTo(email, "补正期限延长至").ShouldNotBeEmpty();
        }
        finally
        {
            await app.Database.ScalarAsync<int>("UPDATE programs SET settings = settings - 'closeOverdueCorrections' WHERE slug = 'high-value-patent'");
        }
    }

    [Fact]
    public async Task A_reminder_goes_out_three_working_days_before_the_correction_deadline()
    {
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(20);
        var (applicant, id, email) = await ReturnedAsync(deadline.ToString("yyyy-MM-dd"));
        WorkingDayCalendar calendar;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetAsync();
        }

        var expected = new DateTimeOffset(calendar.SubtractWorkingDays(deadline, 3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        (await app.Database.ScalarAsync<DateTime>($"SELECT remind_at FROM workflow_instances WHERE subject_id = '{id}'")).ShouldBe(expected.UtcDateTime);

        await app.Database.ScalarAsync<int>($"UPDATE workflow_instances SET remind_at = now() - interval '1 minute' WHERE subject_id = '{id}'");
        (await Chains.RunTimersAsync(app)).Reminded.ShouldBeGreaterThanOrEqualTo(1);
        app.MailTo(email, $"补正期限为{deadline:yyyy年M月d日}").ShouldNotBeEmpty();
        (await applicant.GetAsync("/inbox")).Html.ShouldContain("补正期限将至");
        (await Chains.RunTimersAsync(app)).Reminded.ShouldBe(0, "one reminder only");
        (await Chains.StateAsync(app, id)).ShouldBe("returned");
    }

    [Fact]
    public async Task Closing_a_round_closes_its_unsubmitted_drafts()
    {
        var (applicant, _, _) = await Chains.OrganisationAsync(app);
        var started = await applicant.PostAsync("/apply/brand-institution-2026-demo", []);
        var id = Guid.Parse(started.Location!.Split('/')[2]);
        (await Chains.StateAsync(app, id)).ShouldBe("draft");
        var closesAt = await app.Database.ScalarAsync<DateTime>("SELECT closes_at FROM rounds WHERE key = 'brand-institution-2026-demo'");
        await app.Database.ScalarAsync<int>("UPDATE rounds SET closes_at = now() - interval '1 minute' WHERE key = 'brand-institution-2026-demo'");
        try
        {
            (await Chains.RunTimersAsync(app)).Closed.ShouldBeGreaterThanOrEqualTo(1);
            (await Chains.StateAsync(app, id)).ShouldBe("notSubmitted");
            (await applicant.GetAsync($"/applications/{id}")).Html.ShouldContain("未提交（批次已截止）");
        }
        finally
        {
            await app.Database.ScalarAsync<int>($"UPDATE rounds SET closes_at = '{closesAt:O}' WHERE key = 'brand-institution-2026-demo'");
        }
    }
}
