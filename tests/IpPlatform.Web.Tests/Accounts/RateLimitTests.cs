using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;
using IpPlatform.Web.Hosting;
using static IpPlatform.Web.Tests.Accounts.RateLimitedPlatform;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>
/// Every limited action driven through its own form (the token endpoint as a client system calls it) until refused,
/// with the small limits <see cref="RateLimitedPlatform"/> configures: they, not the defaults, are what takes effect.
/// </summary>
public sealed class RateLimitTests(RateLimitedPlatform app) : IClassFixture<RateLimitedPlatform>
{
    private const string WrongPassword = "Wrong#2026pw";

    /// <summary>Submits until the answer is 429 (at most ten times); how many were let through, and the refusal.</summary>
    private static async Task<(int Accepted, PageResponse Refusal)> UntilRefusedAsync(Func<int, Task<PageResponse>> submit)
    {
        for (var n = 0; n < 10; n++)
        {
            var response = await submit(n);
            if (response.Status == HttpStatusCode.TooManyRequests)
            {
                return (n, response);
            }

            ((int)response.Status).ShouldBeLessThan(400, response.Html.Length > 300 ? response.Html[..300] : response.Html);
        }

        throw new ShouldAssertException("never refused in ten attempts");
    }

    /// <summary>A Chinese page naming what was refused, the limit and when to try again, and Retry-After in seconds.</summary>
    private static void ShouldBeRefused(PageResponse refusal, int seconds, string message)
    {
        refusal.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refusal.Headers.ShouldNotBeNull().RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(seconds));
        refusal.Html.ShouldContain("<h1 class=\"h2\">请求过于频繁</h1>");
        refusal.Html.ShouldContain(message);
    }

    private static KeyValuePair<string, string>[] Credentials(string email, string password) =>
        [new("Input.Email", email), new("Input.Password", password)];

    private Task<long> RefusalsAuditedAsync(string action, string where) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'rate-limit.refused' AND object_id = '{action}' AND {where}");

    [Fact]
    public async Task Sign_in_is_limited_per_client_address_whatever_the_name_typed_and_audited_once_per_window()
    {
        var client = app.From("203.0.113.1");

        var (accepted, refusal) = await UntilRefusedAsync(n => client.SubmitAsync("/account/login", "登录", Credentials($"nobody{n}@example.com", WrongPassword)));

        accepted.ShouldBe(PerAddress);
        ShouldBeRefused(refusal, 60, $"登录过于频繁：同一网络地址1分钟内最多{PerAddress}次。请1分钟后再试。");
        (await client.SubmitAsync("/account/login", "登录", Credentials("another@example.com", WrongPassword))).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/account/login")).Status.ShouldBe(HttpStatusCode.OK, "only what the form sends is counted");
        (await app.From("203.0.113.2").SubmitAsync("/account/login", "登录", Credentials("nobody0@example.com", WrongPassword)))
            .Html.ShouldContain(Pages.Account.LoginModel.FailedMessage, customMessage: "another address has its own count");
        (await RefusalsAuditedAsync("SignIn", "ip = '203.0.113.1' AND details->>'dimension' = 'Address'")).ShouldBe(1);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_user_name_from_any_address_and_then_refuses_the_right_password_too()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);

        // Every request of this client comes from a new address; the name is typed differently each time.
        var (accepted, refusal) = await UntilRefusedAsync(n => app.NewFormClient().SubmitAsync("/account/login", "登录",
            Credentials(n % 2 == 0 ? email : " " + email.ToUpperInvariant() + " ", WrongPassword)));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 60, $"登录过于频繁：同一账户1分钟内最多{PerAccount}次。请1分钟后再试。");
        (await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, Registration.Password))).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'rate-limit.refused' AND actor_name = '{email.ToUpperInvariant()}'")).ShouldBe(1);
    }

    [Fact]
    public async Task The_second_factor_is_limited_per_account_waiting_for_it()
    {
        var client = app.NewFormClient();
        (await client.SubmitAsync("/account/login", "登录", Credentials(Chains.Dalian, DemoAccounts.Password))).RedirectsTo("/account/login-2fa").ShouldBeTrue();

        var (accepted, refusal) = await UntilRefusedAsync(_ => client.SubmitAsync("/account/login-2fa", "验证并登录", [new("Code", "000000")]));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 60, $"动态口令验证过于频繁：同一账户1分钟内最多{PerAccount}次。请1分钟后再试。");
        var right = Identity.Accounts.Totp.Code(DemoAccounts.TotpKey(Chains.Dalian), DateTimeOffset.UtcNow);
        (await client.SubmitAsync("/account/login-2fa", "验证并登录", [new("Code", right)])).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Registration_is_limited_per_client_address()
    {
        var client = app.From("203.0.113.3");

        var (accepted, refusal) = await UntilRefusedAsync(_ => client.SubmitAsync("/account/register", "注册",
            Registration.Fields("91210100MA0XXXXX0X", Registration.NewEmail())));

        accepted.ShouldBe(PerAddress);
        ShouldBeRefused(refusal, 3600, $"注册单位过于频繁：同一网络地址1小时内最多{PerAddress}次。请1小时后再试。");
    }

    [Fact]
    public async Task Asking_for_a_reset_link_is_limited_per_email_address_from_any_address()
    {
        var email = Registration.NewEmail();

        var (accepted, refusal) = await UntilRefusedAsync(n => app.NewFormClient().SubmitAsync("/account/forgot-password", "发送重设链接",
            [new("Email", n == 1 ? email.ToUpperInvariant() : email)]));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 3600, $"申请重设密码过于频繁：同一账户1小时内最多{PerAccount}次。请1小时后再试。");
    }

    [Fact]
    public async Task Setting_a_password_from_a_link_is_limited_per_client_address_and_a_limit_of_0_is_none()
    {
        var client = app.From("203.0.113.4");
        var link = $"/account/reset-password?u={Guid.NewGuid()}&t=forged";   // one account: its limit, configured 0, never refuses

        var (accepted, refusal) = await UntilRefusedAsync(_ => client.SubmitAsync(link, "设置密码",
            [new("Password", "Reset#2026pw"), new("ConfirmPassword", "Reset#2026pw")]));

        accepted.ShouldBe(PerAddress);
        ShouldBeRefused(refusal, 3600, $"重设密码过于频繁：同一网络地址1小时内最多{PerAddress}次。请1小时后再试。");
    }

    [Fact]
    public async Task Sending_invitations_is_limited_per_administrator_and_the_page_s_other_buttons_are_not()
    {
        var (admin, _, _) = await Chains.OrganisationAsync(app);

        var (accepted, refusal) = await UntilRefusedAsync(_ => admin.SubmitAsync("/org/members", "发送邀请",
            [new("Input.Name", "成员"), new("Input.Email", Registration.NewEmail())]));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 3600, $"邀请成员过于频繁：同一账户1小时内最多{PerAccount}次。请1小时后再试。");
        var revoked = await admin.SubmitFormAsync("/org/members", f => f.Submits.Any(b => b.Label == "撤销"));
        revoked.ShouldNotBeNull().RedirectsTo("/org/members").ShouldBeTrue("revoking an invitation is not sending one");
    }

    [Fact]
    public async Task Accepting_an_invitation_is_limited_per_client_address()
    {
        var (admin, _, _) = await Chains.OrganisationAsync(app);
        var email = Registration.NewEmail();
        (await admin.SubmitAsync("/org/members", "发送邀请", [new("Input.Name", "成员"), new("Input.Email", email)])).RedirectsTo("/org/members").ShouldBeTrue();
        var link = app.LatestLinkTo(email);
        var client = app.From("203.0.113.5");

        var (accepted, refusal) = await UntilRefusedAsync(_ => client.SubmitAsync(link, "加入", [new("Password", "Member#2026"), new("ConfirmPassword", "Other#2026")]));

        accepted.ShouldBe(PerAddress);
        ShouldBeRefused(refusal, 3600, $"接受邀请过于频繁：同一网络地址1小时内最多{PerAddress}次。请1小时后再试。");
    }

    [Fact]
    public async Task Objections_to_a_publicity_are_limited_per_signed_in_account()
    {
        var (_, outlet, _) = await Chains.OrganisationAsync(app, "210102", "SocialOrganisation");
        var application = await Chains.SubmittedDirectlyAsync(app, "shenyang-info-outlet-2026-demo", outlet);
        (await Chains.ActAsync(await app.SignedInAsync(Chains.Heping), application, "recommend",
            [("a.recommendation.opinion", "资源充足，同意推荐"), ("a.recommendation.head", "张三"), ("a.recommendation.date", Chains.Today)])).RedirectsTo($"/review/{application}").ShouldBeTrue();
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        (await Chains.ActAsync(shenyang, application, "approve",
            [("a.filing.decision", "准予备案"), ("a.filing.handler", "李四"), ("a.filing.head", "王五"), ("a.filing.date", Chains.Today)])).RedirectsTo($"/review/{application}").ShouldBeTrue();
        var created = await shenyang.SubmitAsync("/review/publicity?round=shenyang-info-outlet-2026-demo", "发布公示",
            [new("Applications", application.ToString()), new("Title", "沈阳市知识产权信息公共服务网点拟备案名单公示"), new("StartDate", Chains.Today), new("WorkingDays", "5")]);
        created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));
        var page = $"/publicity/{created.Location!.Split('/')[3]}/objection";
        var (objector, _, _) = await Chains.OrganisationAsync(app);

        // Without a real name each objection is refused by the page itself, and still counted.
        var (accepted, refusal) = await UntilRefusedAsync(_ => objector.SubmitAsync(page, "提交异议",
            [new("ApplicationId", application.ToString()), new("RealName", ""), new("Phone", "13800000000"), new("Email", "o@example.com"), new("Text", "材料与事实不符。")]));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 3600, $"提出异议过于频繁：同一账户1小时内最多{PerAccount}次。请1小时后再试。");
    }

    [Fact]
    public async Task Uploads_are_limited_per_signed_in_account()
    {
        var (applicant, _, _) = await Registration.RegisterAsync(app);
        var notADocument = Encoding.UTF8.GetBytes("不是证件");

        var (accepted, refusal) = await UntilRefusedAsync(_ => applicant.SubmitAsync("/org/certification", "提交认证",
            files: [("licence", "营业执照.pdf", notADocument), ("identityDocument", "身份证.png", notADocument)]));

        accepted.ShouldBe(PerAccount);
        ShouldBeRefused(refusal, 600, $"上传文件过于频繁：同一账户10分钟内最多{PerAccount}次。请10分钟后再试。");
        (await applicant.GetAsync("/org/certification")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_endpoint_is_limited_per_client_address_before_openiddict_handles_the_request_and_answers_in_oauth_json()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await app.RunRecipeAsync(RecipeSource.FromStream("rl-client.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes($$"""
            { "name": "rate-limited client", "steps": [ { "step": "oidc-clients", "clients": [
              { "clientId": "rl-client", "name": "限流测试系统", "type": "confidential", "secret": "{{secret}}", "firstParty": true,
                "redirectUris": ["https://rl.example.gov.cn/cb"], "scopes": ["openid"], "grantTypes": ["client_credentials"] } ] } ] }
            """))));
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(PeerHeader, "203.0.113.6");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("rl-client:" + Uri.EscapeDataString(secret))));
        HttpResponseMessage response;
        var issued = 0;
        while ((response = await http.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]))).IsSuccessStatusCode)
        {
            issued++;
            issued.ShouldBeLessThanOrEqualTo(PerAddress);
        }

        issued.ShouldBe(PerAddress);
        ((int)response.StatusCode).ShouldBe(429);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body["error"]!.ToString().ShouldBe("temporarily_unavailable");
        body["error_description"]!.ToString().ShouldBe("too many token requests from this client address; retry after 60 seconds");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'oidc.tokens-issued' AND actor_name = 'client:rl-client'")).ShouldBe(PerAddress);
    }

    [Fact]
    public async Task The_client_address_comes_from_x_forwarded_for_only_when_a_known_proxy_sends_it()
    {
        // Not a proxy: its X-Forwarded-For is ignored, however it varies.
        var direct = app.From("192.0.2.99");
        var (accepted, _) = await UntilRefusedAsync(n =>
        {
            direct.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            direct.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{n + 1}");
            return direct.SubmitAsync("/account/login", "登录", Credentials($"direct{n}@example.com", WrongPassword));
        });
        accepted.ShouldBe(PerAddress);

        // Through the known proxy, each client counts apart.
        var first = app.From(Proxy);
        first.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        (accepted, _) = await UntilRefusedAsync(n => first.SubmitAsync("/account/login", "登录", Credentials($"proxied{n}@example.com", WrongPassword)));
        accepted.ShouldBe(PerAddress);
        var second = app.From(Proxy);
        second.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.78");
        (await second.SubmitAsync("/account/login", "登录", Credentials("proxied@example.com", WrongPassword))).Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        (await RefusalsAuditedAsync("SignIn", "ip = '198.51.100.77'")).ShouldBe(1);
    }
}
