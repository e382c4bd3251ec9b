using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>What several journeys do the same way: sign in (staff with their TOTP), fill an application form.</summary>
internal static class Steps
{
    /// <summary>What an applicant can type into: the form's inputs and text areas, less those the platform fills from the certified profile (read-only).</summary>
    public const string Inputs = "#application-form input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([disabled]):not([readonly]), #application-form textarea:not([readonly])";

    /// <summary>Signs in a demo account, or any account given its password and (staff) its TOTP key.</summary>
    public static async Task SignInAsync(IPage page, string email, string? password = null, string? totpKey = null)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("登录邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password ?? DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        if ((totpKey ?? (DemoAccounts.StaffEmails.Contains(email) ? DemoAccounts.TotpKey(email) : null)) is { } key)
        {
            await page.GetByLabel("动态口令").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
            await page.WaitForURLAsync("**/staff");
        }
        else
        {
            await page.WaitForURLAsync("**/org");
        }
    }

    /// <summary>Types into every field as an applicant would, by the kind of input the form renders.</summary>
    public static async Task FillEveryFieldAsync(IPage page)
    {
        var fields = page.Locator(Inputs);
        var count = await fields.CountAsync();
        count.ShouldBeGreaterThanOrEqualTo(80, "表1 has some eighty fields and table cells");
        for (var i = 0; i < count; i++)
        {
            var field = fields.Nth(i);
            var type = await field.GetAttributeAsync("type");
            var mode = await field.GetAttributeAsync("inputmode");
            await field.FillAsync(type switch
            {
                "date" => "2021-06-01",
                "month" => "2021-06",
                _ when mode is "numeric" or "decimal" => "5",
                _ => "示例内容",
            });
        }

        // 联合申报: none (so 表3 stays optional); every other choice and every declaration ticked.
        await page.Locator("#application-form input[type=radio][value=false]").First.CheckAsync();
        var boxes = page.Locator("#application-form input[type=checkbox]");
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
    }
}
