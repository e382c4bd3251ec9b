using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>Seed 004 附件1 表1 in a real browser: pre-check, every field, every attachment, submit, print.</summary>
public sealed class ApplicationJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task An_enterprise_fills_table_1_completely_attaches_the_materials_and_submits()
    {
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await Steps.SignInAsync(page, "materials.admin@example.com");

        await page.GotoAsync("/apply/high-value-patent-2026-demo");
        await page.GetByText("✓ 单位已通过认证").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始填写申报书" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "表1（企业填写）" }).WaitForAsync();
        (await page.Locator("text=表2（高校、科研机构等研发单位填写）").CountAsync()).ShouldBe(0, "an enterprise is shown 表1 only");

        // The unit's name and credit code come from its certified profile and cannot be typed over.
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "企业名称" });
        (await name.GetAttributeAsync("readonly")).ShouldNotBeNull();
        (await name.InputValueAsync()).ShouldBe("沈阳示例新材料科技股份有限公司");

        await Steps.FillEveryFieldAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.GetByText("已保存").First.WaitForAsync();

        var uploads = page.Locator("form[action$='/Attach']");
        var slots = await uploads.CountAsync();
        slots.ShouldBe(7, "the sealed application scan and seed 004 申报材料 2–7");
        for (var i = 0; i < slots; i++)
        {
            await uploads.Nth(i).Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = $"材料{i + 1}.pdf", MimeType = "application/pdf", Buffer = TestData.Pdf });
            await uploads.Nth(i).GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await page.GetByText($"已上传“材料{i + 1}.pdf”").WaitForAsync();
        }

        await BrowserFixture.ScreenshotAsync(page, "application-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申报书" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var problems = await page.Locator(".alert-danger").AllInnerTextsAsync();
        problems.ShouldBeEmpty();
        await page.GetByText("申报书已提交").WaitForAsync();
        (await page.Locator("#application-form textarea, #application-form input[type=text]").CountAsync()).ShouldBe(0, "a submitted application is read-only");
        // The submission keeps the declarations accepted, and not 表3, which "no joint applicant" made inapplicable.
        (await app.Database.ScalarAsync<bool>(
            "SELECT jsonb_array_length(declarations) > 0 AND NOT answers ? 'jointUnit' AND answers ? 'entBasic' FROM application_submissions ORDER BY submitted_at DESC LIMIT 1"))
            .ShouldBeTrue();

        await page.GotoAsync((await page.GetByRole(AriaRole.Link, new() { Name = "打印 / 另存为PDF" }).GetAttributeAsync("href"))!);
        await page.GetByText("材料7.pdf").WaitForAsync();
        (await page.Locator("body").InnerTextAsync()).ShouldContain("示例内容");
        await BrowserFixture.ScreenshotAsync(page, "application-print");
        errors.ShouldBeEmpty();
    }
}
