using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Publicity;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Scheduling;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>A recognised centre's first year: its annual report filed, returned by the city, corrected, and accepted by the province.</summary>
public sealed class AwardJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task An_awardee_files_its_annual_report_the_city_returns_it_the_awardee_corrects_it_and_the_province_accepts_it()
    {
        var (email, award) = await RecognisedCentreAsync();
        // A year later (the award's dates moved into the past): the report can be filed.
        await app.Database.ScalarAsync<int>($"UPDATE awards SET start_date = start_date - 380, end_date = end_date - 380 WHERE id = '{award}'");
        await app.Database.ScalarAsync<int>($"UPDATE applications SET opens_on = opens_on - 380, due_on = due_on - 380 WHERE award_id = '{award}'");

        await using var applicantBrowser = await app.NewPageAsync();
        var (applicant, applicantErrors) = applicantBrowser;
        await Steps.SignInAsync(applicant, email);
        await applicant.GetByRole(AriaRole.Link, new() { Name = "年度工作报告" }).ClickAsync();
        await FillReportAsync(applicant, "本年度完成专利导航2项。");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await applicant.GetByText("已报送，正在审核").WaitForAsync();
        (await applicant.Locator("#application-status").InnerTextAsync()).ShouldBe("待市级审核");
        var report = applicant.Url;

        // The city returns it with one consolidated list and a deadline.
        await using var cityBrowser = await app.NewPageAsync();
        var (city, cityErrors) = cityBrowser;
        await Steps.SignInAsync(city, "reviewer.shenyang@example.com");
        await city.GotoAsync("/review?kind=Obligation");
        await city.GetByRole(AriaRole.Link, new() { Name = "示例培育中心建设单位" }).First.ClickAsync();
        await city.Locator("#action-return summary").ClickAsync();
        await city.GetByLabel("需补正的事项（一次告知，每行一项）").FillAsync("补充专利导航项目的名称和成果");
        await city.GetByLabel("退回理由").FillAsync("任务执行进度不具体");
        await city.GetByRole(AriaRole.Button, new() { Name = "确认：退回补正" }).ClickAsync();
        (await city.Locator("#review-state").InnerTextAsync()).ShouldBe("退回补正");

        // The awardee sees the list, corrects and files again.
        await applicant.GotoAsync(report);
        (await applicant.Locator("#return-notice").InnerTextAsync()).ShouldContain("补充专利导航项目的名称和成果");
        await applicant.GetByRole(AriaRole.Textbox, new() { Name = "培育中心运行总体情况", Exact = true }).FillAsync("本年度完成“装备制造产业专利导航”“新材料专利导航”2项，形成导航报告2份。");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "补正后重新提交" }).ClickAsync();
        await applicant.GetByText("已报送，正在审核").WaitForAsync();

        // The city forwards it; the province accepts it.
        await city.ReloadAsync();
        await city.Locator("#action-forward summary").ClickAsync();
        await city.GetByRole(AriaRole.Button, new() { Name = "确认：审核通过，报送省局" }).ClickAsync();
        (await city.Locator("#review-state").InnerTextAsync()).ShouldBe("待省级审核");

        await using var provinceBrowser = await app.NewPageAsync();
        var (province, provinceErrors) = provinceBrowser;
        await Steps.SignInAsync(province, "reviewer.province@example.com");
        await province.GotoAsync(city.Url);
        await province.Locator("#action-accept summary").ClickAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "确认：审核通过" }).ClickAsync();
        (await province.Locator("#review-state").InnerTextAsync()).ShouldBe("已审核通过");
        await BrowserFixture.ScreenshotAsync(province, "annual-report-accepted");

        await applicant.GotoAsync("/org");
        (await applicant.Locator("#awards").InnerTextAsync()).ShouldContain("已审核通过");
        applicantErrors.ShouldBeEmpty();
        cityErrors.ShouldBeEmpty();
        provinceErrors.ShouldBeEmpty();
    }

    /// <summary>Types into every field of the annual report as a person would (the overview given, the rest filled plausibly).</summary>
    private static async Task FillReportAsync(IPage page, string overview)
    {
        var fields = page.Locator(Steps.Inputs);
        for (var i = 0; i < await fields.CountAsync(); i++)
        {
            var field = fields.Nth(i);
            var mode = await field.GetAttributeAsync("inputmode");
            await field.FillAsync(mode is "numeric" or "decimal" ? "8" : "示例内容");
        }

        await page.GetByRole(AriaRole.Textbox, new() { Name = "培育中心运行总体情况", Exact = true }).FillAsync(overview);
        var boxes = page.Locator("#application-form input[type=checkbox]");
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
    }

    /// <summary>
    /// A new certified centre already through its review chain to 已认定 (set up through the platform's services: the
    /// journey under test starts after it), with its administrator's email and its award.
    /// </summary>
    private async Task<(string Email, Guid Award)> RecognisedCentreAsync()
    {
        var code = TestData.NewCreditCode();
        var email = $"centre-{Guid.NewGuid():N}"[..20] + "@example.com";
        var recipe = $$"""
            { "name": "centre", "steps": [ { "step": "organisations", "organisations": [ {
              "creditCode": "{{code}}", "name": "示例培育中心建设单位", "type": "enterprise", "city": "210100", "district": "210106",
              "address": "沈阳市铁西区示例路2号", "legalRepresentative": "钱示例", "establishedOn": "2012-05-06", "staffCount": 300,
              "contactPerson": "吴联系", "contactMobile": "13800000009", "contactEmail": "contact@centre.example.com",
              "admin": { "name": "郑管理", "email": "{{email}}", "password": "{{DemoAccounts.Password}}" }, "certified": true } ] } ] }
            """;
        await app.RunRecipeAsync(RecipeSource.FromStream("centre.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes(recipe))));

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DbContext>();
        var organisation = await app.Database.ScalarAsync<Guid>($"SELECT id FROM organisations WHERE credit_code = '{code}'");
        var applications = services.GetRequiredService<LoadApplication>();
        var applicant = WorkflowActor.Applicant(Guid.NewGuid(), "郑管理", organisation);
        var started = await services.GetRequiredService<StartApplication>().StartAsync("high-value-patent-2026-demo", organisation, applicant);
        started.Succeeded.ShouldBeTrue();
        var id = started.Value!.Id;
        var view = (await applications.FindAsync(id, organisation))!;
        (await services.GetRequiredService<WorkflowEngine>().ApplyAsync(view.Instance, view.Workflow, "submit", applicant, [], new Submitted())).Succeeded.ShouldBeTrue();

        var shenyang = WorkflowActor.Staff(Guid.NewGuid(), "沈阳审核员", [new WorkflowGrant("cityReviewer", "210100", AtProvince: false)]);
        var province = WorkflowActor.Staff(Guid.NewGuid(), "省级审核员", [new WorkflowGrant("provinceReviewer", "210000", AtProvince: true)]);
        foreach (var (action, actor) in new[] { ("pass", shenyang), ("forward", province), ("select", province) })
        {
            db.ChangeTracker.Clear();
            var current = (await applications.FindForStaffAsync(id, actor))!;
            (await services.GetRequiredService<ActOnApplication>().ActAsync(current, action, actor, new JsonObject { ["opinion"] = "同意" })).Succeeded.ShouldBeTrue(action);
        }

        db.ChangeTracker.Clear();
        var publicity = services.GetRequiredService<OpenPublicity>();
        var notice = await publicity.CreateAsync("high-value-patent-2026-demo", [id], "拟认定名单公示", null, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), 5, province);
        notice.Succeeded.ShouldBeTrue();
        await app.Database.ScalarAsync<int>($"UPDATE public_notices SET start_date = start_date - 30, end_date = current_date - 1 WHERE id = '{notice.Value!.Id}'");
        db.ChangeTracker.Clear();
        await services.GetRequiredService<ApplicationTimers>().RunAsync();
        return (email, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"));
    }

    /// <summary>The applicant's submission, its form checks answered by a stand-in (the application's own form is not this journey's subject).</summary>
    private sealed class Submitted : IWorkflowSubject
    {
        public IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        public string ApplicantLink => "/apply";

        public Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, System.Text.Json.Nodes.JsonObject inputs, CancellationToken ct) => Task.FromResult<string?>(null);

        public Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct) =>
            Task.FromResult<JsonObject?>(null);
    }
}
