using System.Net;
using IpPlatform.Identity;
using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class LoginSecurityTests(WebFixture app)
{
    [Fact]
    public async Task An_applicant_signs_in_and_is_audited()
    {
        var client = app.NewFormClient();

        var response = await client.SignInAsync("materials.admin@example.com", DemoAccounts.Password);

        response.RedirectsTo("/org").ShouldBeTrue();
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE event = 'account.login' AND outcome = 'Success' AND actor_name = 'materials.admin@example.com'"))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Opening_the_authenticator_page_keeps_the_session_and_shows_the_same_key_again()
    {
        var (client, _, _) = await Registration.RegisterAsync(app);

        var first = (await client.GetAsync("/account/totp")).Html;
        var key = System.Text.RegularExpressions.Regex.Match(first, "secret=([A-Z2-7]+)").Groups[1].Value;
        key.ShouldNotBeNullOrEmpty();

        // The key is created without rotating the security stamp: the applicant is still signed in afterwards.
        (await client.GetAsync("/org")).Status.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/account/totp")).Html.ShouldContain("secret=" + key);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);
        var client = app.NewFormClient();
        for (var i = 0; i < IdentityServices.MaxFailedAttempts; i++)
        {
            (await client.SignInAsync(email, "Wrong#pass1")).Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        }

        var locked = await client.SignInAsync(email, Registration.Password);

        locked.Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        locked.RedirectsTo("/org").ShouldBeFalse();
        var lockoutEnd = await app.Database.ScalarAsync<DateTime>($"SELECT lockout_end FROM users WHERE email = '{email}'");
        (lockoutEnd - DateTime.UtcNow).TotalMinutes.ShouldBeInRange(14, 15.1);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'account.login' AND outcome = 'Failure' AND actor_name = '{email}'"))
            .ShouldBe(IdentityServices.MaxFailedAttempts + 1);
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await app.NewFormClient().SignInAsync("nobody@example.com", "Whatever#1");

        response.Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'account.login' AND actor_name = 'nobody@example.com'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Staff_need_the_totp_code_after_the_password()
    {
        var client = app.NewFormClient();
        var afterPassword = await client.SignInAsync("reviewer.shenyang@example.com", DemoAccounts.Password);
        afterPassword.RedirectsTo("/account/login-2fa").ShouldBeTrue();
        (await client.GetAsync("/staff")).Status.ShouldBe(HttpStatusCode.Redirect);

        var wrong = await client.PostAsync("/account/login-2fa", [new("Code", "000000")]);
        wrong.Html.ShouldContain("动态口令不正确或已过期");

        var right = await client.PostAsync("/account/login-2fa", [new("Code", Totp.Code(DemoAccounts.TotpKey("reviewer.shenyang@example.com"), DateTimeOffset.UtcNow))]);
        right.RedirectsTo("/staff").ShouldBeTrue();
        (await client.GetAsync("/staff")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task New_staff_enrol_an_authenticator_before_any_staff_page()
    {
        var admin = await app.SignedInAsync("admin.shenyang@example.com");
        var email = "new.reviewer." + Guid.NewGuid().ToString("N")[..6] + "@example.com";
        var created = await admin.PostAsync("/admin/staff/new",
            [new("Input.Name", "新审核员"), new("Input.Email", email), new("Input.Grants.Roles[0]", "CityReviewer"), new("Input.Grants.Authorities[0]", "210100")]);
        created.RedirectsTo("/admin/staff").ShouldBeTrue();

        // The emailed link sets the first password.
        var link = app.LatestLinkTo(email);
        var client = app.NewFormClient();
        var set = await client.PostAsync(link, [new("Password", "First#2026pw"), new("ConfirmPassword", "First#2026pw")]);
        set.Html.ShouldContain("密码已设置");

        var signIn = await client.SignInAsync(email, "First#2026pw");
        signIn.RedirectsTo("/account/totp").ShouldBeTrue();
        (await client.GetAsync("/staff")).RedirectsTo("/account/access-denied").ShouldBeTrue();

        // The phone scans the QR code on the enrolment page: it holds the otpauth URI shown beside it, issued in the
        // platform's name (the site recipe's), with the key shown as text.
        var enrolment = new AngleSharp.Html.Parser.HtmlParser().ParseDocument((await client.GetAsync("/account/totp")).Html);
        var svg = enrolment.QuerySelector("#totp-qr svg[role=img]").ShouldNotBeNull();
        svg.GetAttribute("aria-label").ShouldBe("动态口令绑定二维码");
        var scanned = new Uri(QrCodes.Decode(svg.OuterHtml));
        scanned.ToString().ShouldBe(new Uri(enrolment.QuerySelector("#totp-uri")!.TextContent).ToString());
        scanned.Scheme.ShouldBe("otpauth");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(scanned.Query);
        query["issuer"].ToString().ShouldBe("辽宁省知识产权项目申报平台");
        var key = query["secret"].ToString();
        enrolment.QuerySelector("#totp-key")!.GetAttribute("data-key").ShouldBe(key);
        var refused = await client.PostAsync("/account/totp", [new("Password", "Wrong#2026pw"), new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        refused.Html.ShouldContain("当前密码不正确");
        var done = await client.PostAsync("/account/totp", [new("Password", "First#2026pw"), new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        done.Html.ShouldContain("动态口令已绑定");
        done.Html.ShouldContain("恢复码");

        (await client.GetAsync("/staff")).Status.ShouldBe(HttpStatusCode.OK);
        (await app.Database.ScalarAsync<bool>($"SELECT two_factor_enabled FROM users WHERE email = '{email}'")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_password_reset_link_arrives_by_mail_and_sets_a_new_password()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);
        var client = app.NewFormClient();

        (await client.PostAsync("/account/forgot-password", [new("Email", email)])).Html.ShouldContain("如该邮箱已注册");
        app.LatestMailTo(email).ShouldContain("重新设置");
        var link = app.LatestLinkTo(email);

        var weak = await client.PostAsync(link, [new("Password", "short"), new("ConfirmPassword", "short")]);
        weak.Html.ShouldContain("密码至少8位");
        (await client.PostAsync(link, [new("Password", "Brand#New2026"), new("ConfirmPassword", "Brand#New2026")])).Html.ShouldContain("密码已设置");

        (await app.NewFormClient().SignInAsync(email, "Brand#New2026")).RedirectsTo("/org").ShouldBeTrue();
        (await client.PostAsync(link, [new("Password", "Again#New2026"), new("ConfirmPassword", "Again#New2026")])).Html
            .ShouldContain("链接已失效或已被使用");
    }

    [Fact]
    public async Task Asking_a_reset_for_an_unknown_email_answers_the_same_and_sends_nothing()
    {
        var response = await app.NewFormClient().PostAsync("/account/forgot-password", [new("Email", "ghost@example.com")]);

        response.Html.ShouldContain("如该邮箱已注册");
        Should.Throw<InvalidOperationException>(() => app.LatestMailTo("ghost@example.com", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Sessions_end_after_thirty_idle_minutes()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        cookie.ExpireTimeSpan.ShouldBe(TimeSpan.FromMinutes(30));
        cookie.SlidingExpiration.ShouldBeTrue();
        cookie.Cookie.HttpOnly.ShouldBeTrue();
        cookie.Cookie.Expiration.ShouldBeNull();
    }

    [Fact]
    public async Task The_session_cookie_is_not_persistent()
    {
        var client = app.NewFormClient();
        var response = await client.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "materials.admin@example.com",
            ["Input.Password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = await client.TokenAsync("/account/login"),
        }));

        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ipp.auth=", StringComparison.Ordinal));
        auth.ShouldContain("httponly");
        auth.ShouldNotContain("expires=");
    }
}
