using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>Two experts score a seed 004 application in their browsers and the province sees the ranking.</summary>
public sealed class ExpertJourneyTests(BrowserFixture app)
{
    /// <summary>
    /// An application of the demo agency in 专家评审. The chain up to here is the review tests' subject; this test is about
    /// scoring, so the application is placed there directly.
    /// </summary>
    private async Task<Guid> InExpertReviewAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var round = await db.Set<Round>().FirstAsync(r => r.Key == "high-value-patent-2026-demo");
        var form = (await scope.ServiceProvider.GetRequiredService<FormStore>().LatestAsync("high-value-patent.application"))!;
        var organisation = await app.Database.ScalarAsync<Guid>("SELECT id FROM organisations WHERE credit_code = '91210100MA0YT3K79Q'");
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = round.ProgramId, OrganisationId = organisation, FormKey = form.Key,
            FormVersion = form.Version, Variant = "enterprise", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(application);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<StartMissingInstances>().StartMissingInstancesAsync();
        await app.Database.ScalarAsync<int>($"""
            UPDATE workflow_instances SET state = 'expertReview', phase = 'Review', submitted_at = now() WHERE subject_id = '{application.Id}';
            UPDATE applications SET status = 'Submitted', submitted_at = now() WHERE id = '{application.Id}';
            """);
        return application.Id;
    }

    [Fact]
    public async Task The_province_assigns_two_experts_they_declare_and_score_and_the_ranking_appears()
    {
        var id = await InExpertReviewAsync();
        await using var provinceBrowser = await app.NewPageAsync();
        var (province, provinceErrors) = provinceBrowser;
        await Steps.SignInAsync(province, "reviewer.province@example.com");
        await province.GotoAsync($"/review/{id}");
        await province.Locator("#experts").GetByText("尚未分配专家").WaitForAsync();
        await province.Locator("#experts label", new() { HasTextString = "省级专家" }).ClickAsync();
        await province.Locator("#experts label", new() { HasTextString = "沈阳市专家" }).ClickAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "分配所选专家" }).ClickAsync();
        await province.GetByText("已分配2位专家").WaitForAsync();

        foreach (var (email, plan) in new[] { ("expert.province@example.com", "26"), ("expert.shenyang@example.com", "22") })
        {
            await using var expertBrowser = await app.NewPageAsync();
            var (expert, errors) = expertBrowser;
            await Steps.SignInAsync(expert, email);
            await expert.GotoAsync("/expert");
            await expert.GetByRole(AriaRole.Link, new() { Name = "（声明后可见）" }).First.ClickAsync();
            await expert.GetByRole(AriaRole.Button, new() { Name = "声明无利益冲突，开始评审" }).ClickAsync();
            await expert.GetByText("已声明无利益冲突").WaitForAsync();
            foreach (var item in new[] { "经费投入", "研发基础和研发实力", "专利成果产出和国内外专利布局能力", "贯彻实施知识产权标准、运行知识产权管理制度情况",
                "知识产权管理及团队情况", "产学研协同基础", "知识产权保护运用成效、获得知识产权荣誉资质情况" })
            {
                await expert.GetByLabel($"{item}（10 分）").FillAsync("8");
            }

            await expert.GetByLabel("建设方案（30 分）").FillAsync(plan);
            await expert.GetByRole(AriaRole.Button, new() { Name = "提交评分（提交后不能修改）" }).ClickAsync();
            await expert.GetByText("评分表已提交").WaitForAsync();
            await BrowserFixture.ScreenshotAsync(expert, "expert-scored");
            errors.ShouldBeEmpty();
        }

        await province.ReloadAsync();
        await province.Locator("#experts").GetByText("已评 2 位，待评 0 位").WaitForAsync();
        await province.GotoAsync("/review/ranking?round=high-value-patent-2026-demo");
        var row = province.Locator("#ranking tr", new() { HasTextString = "沈阳示例知识产权代理有限公司" });
        (await row.InnerTextAsync()).ShouldContain("80.00");   // (56 + 26 + 56 + 22) / 2
        await BrowserFixture.ScreenshotAsync(province, "expert-ranking");
        provinceErrors.ShouldBeEmpty();
    }
}
