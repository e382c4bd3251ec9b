using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>Seed 004 附件2 in a real browser: 注册 → 认证 → 登录.</summary>
public sealed class RegistrationJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task An_organisation_registers_is_certified_by_its_city_and_signs_in()
    {
        var code = TestData.NewCreditCode();
        var email = $"journey{Guid.NewGuid():N}"[..16] + "@example.com";
        const string password = "Journey#2026";
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;

        // 注册
        await page.GotoAsync("/account/register");
        await page.GetByLabel("单位名称").FillAsync("沈阳旅程测试有限公司");
        await page.GetByLabel("单位类型").SelectOptionAsync("Enterprise");
        await page.GetByLabel("统一社会信用代码").FillAsync(code);
        await page.GetByLabel("所在市").SelectOptionAsync("210100");
        await page.GetByLabel("所在区、县（市）").SelectOptionAsync("210112");
        await page.GetByLabel("详细地址").FillAsync("沈阳市浑南区旅程路1号");
        await page.GetByLabel("法定代表人").FillAsync("旅程");
        await page.GetByLabel("成立日期").FillAsync("2012-08-08");
        await page.GetByLabel("职工人数").FillAsync("40");
        await page.Locator("#Input_ContactPerson").FillAsync("联系人");
        await page.GetByLabel("联系人手机号码").FillAsync("13912345678");
        await page.GetByLabel("联系人电子邮箱").FillAsync("contact@example.com");
        await page.GetByLabel("管理员姓名").FillAsync("旅程管理员");
        await page.GetByLabel("管理员登录邮箱").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.GetByLabel("确认密码").FillAsync("Mismatch#2026");
        await page.GetByLabel("本单位承诺所填信息真实").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();

        // A mistake is named, linked, and everything else is still there.
        await page.GetByRole(AriaRole.Link, new() { Name = "两次输入的密码不一致" }).WaitForAsync();
        (await page.GetByLabel("统一社会信用代码").InputValueAsync()).ShouldBe(code);
        await BrowserFixture.ScreenshotAsync(page, "register-error");
        await page.Locator("#Input_Password").FillAsync(password);
        await page.GetByLabel("确认密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await page.WaitForURLAsync("**/org/certification");

        // 认证 (upload)
        var folder = Directory.CreateTempSubdirectory("ipp-upload-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "营业执照.pdf"), TestData.Pdf);
        await File.WriteAllBytesAsync(Path.Combine(folder, "身份证.png"), TestData.Png);
        await page.GetByLabel("营业执照或法人证书").SetInputFilesAsync(Path.Combine(folder, "营业执照.pdf"));
        await page.GetByLabel("法定代表人身份证件").SetInputFilesAsync(Path.Combine(folder, "身份证.png"));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交认证" }).ClickAsync();
        (await page.Locator("#certification-status").InnerTextAsync()).ShouldBe("认证审核中");
        await BrowserFixture.ScreenshotAsync(page, "certification-submitted");

        // 认证 (the Shenyang city reviewer, with the second factor)
        await using var staffBrowser = await app.NewPageAsync();
        var (staff, staffErrors) = staffBrowser;
        await staff.GotoAsync("/account/login");
        await staff.GetByLabel("登录邮箱").FillAsync("reviewer.shenyang@example.com");
        await staff.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await staff.GetByLabel("动态口令").FillAsync(Totp.Code(DemoAccounts.TotpKey("reviewer.shenyang@example.com"), DateTimeOffset.UtcNow));
        await staff.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await staff.WaitForURLAsync("**/staff");
        await staff.GetByRole(AriaRole.Link, new() { Name = "单位认证审核" }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "沈阳旅程测试有限公司" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(staff, "certification-review");
        await staff.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await staff.GetByText("沈阳旅程测试有限公司：已通过认证").WaitForAsync();

        // 登录 (the applicant signs in again and sees the result)
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("登录邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/org");
        (await page.Locator("#certification-status").InnerTextAsync()).ShouldBe("已认证");
        await BrowserFixture.ScreenshotAsync(page, "certified");

        errors.ShouldBeEmpty();
        staffErrors.ShouldBeEmpty();
        (await app.Database.ScalarAsync<string>(
            $"SELECT ip FROM audit_log WHERE event = 'account.login' AND actor_name = '{email}' ORDER BY id DESC LIMIT 1")).ShouldBe("127.0.0.1");
    }
}
