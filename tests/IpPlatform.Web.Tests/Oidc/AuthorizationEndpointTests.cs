using System.Net;
using IpPlatform.Identity.Oidc;
using IpPlatform.Testing;
using static IpPlatform.Web.Tests.Oidc.RelyingParty;

namespace IpPlatform.Web.Tests.Oidc;

/// <summary>The authorization endpoint's rules: exact redirect URIs, state, prompt, max_age, PKCE and the spec's error codes.</summary>
public sealed class AuthorizationEndpointTests(WebFixture app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await RegisterAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(Redirect + "/")]
    [InlineData("https://RP.example.gov.cn/signin-oidc")]
    [InlineData(Redirect + "?next=/admin")]
    [InlineData("https://evil.example.com/signin-oidc")]
    public async Task A_redirect_uri_that_is_not_registered_exactly_shows_an_error_page_and_never_redirects(string redirect)
    {
        var browser = await app.SignedInAsync(Applicant);
        var response = await browser.GetAsync(AuthorizeUrl(redirect: redirect));
        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Location.ShouldBeNull();
        response.Html.ShouldContain("回调地址与登记的不一致");
    }

    [Fact]
    public async Task An_unknown_client_shows_an_error_page_and_never_redirects()
    {
        var response = await app.NewFormClient().GetAsync(AuthorizeUrl(clientId: "no-such-client"));
        (response.Status, response.Location).ShouldBe((HttpStatusCode.BadRequest, null));
        response.Html.ShouldContain("未在本平台登记");
    }

    [Fact]
    public async Task A_state_too_long_to_echo_shows_an_error_page_and_never_redirects()
    {
        var browser = await app.SignedInAsync(Applicant);
        var response = await browser.GetAsync(AuthorizeUrl(extra: [("state", new string('s', IpPlatform.Identity.Oidc.Server.CheckAuthorizationParameters.MaxState + 1))]));
        (response.Status, response.Location).ShouldBe((HttpStatusCode.BadRequest, null));
        response.Html.ShouldContain("state 参数超过2000个字符");
        Returned(await browser.GetAsync(AuthorizeUrl(extra: [("state", new string('s', IpPlatform.Identity.Oidc.Server.CheckAuthorizationParameters.MaxState))]))).ShouldContainKey("code");
    }

    [Fact]
    public async Task A_signed_in_user_gets_a_code_with_the_state_echoed_and_the_issuer_named_for_get_and_post_alike()
    {
        var browser = await app.SignedInAsync(Applicant);
        var url = AuthorizeUrl(extra: [("state", "abc 状态/?&="), ("display", "popup"), ("ui_locales", "zh-CN"), ("claims_locales", "zh"),
            ("acr_values", "1"), ("login_hint", Applicant), ("id_token_hint", "x.y.z"), ("unknown_parameter", "ignored"), ("claims", "{\"userinfo\":{\"name\":{\"essential\":true}}}")]);
        var returned = Returned(await browser.GetAsync(url));
        returned["state"].ShouldBe("abc 状态/?&=");
        returned["iss"].ShouldBe("http://ipp.test");
        returned["code"].Length.ShouldBeGreaterThanOrEqualTo(43);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);
        var response = await browser.Http.PostAsync(OidcPaths.Authorize, new FormUrlEncodedContent(query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()))));
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, "a posted request becomes the same GET, so the browser's sign-in cookie comes along");
        var posted = Returned(await browser.GetAsync(response.Headers.Location!.ToString()));
        (posted["state"], posted.ContainsKey("code")).ShouldBe(("abc 状态/?&=", true));
    }

    [Theory]
    [InlineData("response_type", null, "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("response_type", "code id_token", "unsupported_response_type")]
    [InlineData("request", "eyJhbGciOiJub25lIn0.e30.", "request_not_supported")]
    [InlineData("request_uri", "https://rp.example.gov.cn/req.jwt", "request_uri_not_supported")]
    [InlineData("scope", "profile email", "invalid_scope")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("prompt", "none login", "invalid_request")]
    [InlineData("max_age", "-5", "invalid_request")]
    public async Task Bad_requests_go_back_to_the_client_with_the_specifications_error_code_and_the_state(string name, string? value, string error)
    {
        var browser = await app.SignedInAsync(Applicant);
        var (_, challenge) = Pkce();
        var extra = name == "code_challenge_method" ? new[] { ("code_challenge", challenge), (name, value!) } : [(name, value!)];
        var returned = Returned(await browser.GetAsync(AuthorizeUrl(extra: extra)));
        returned["error"].ShouldBe(error);
        returned["state"].ShouldStartWith("st-");
        returned.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task A_public_client_must_use_pkce_with_s256()
    {
        var browser = await app.SignedInAsync(Applicant);
        var response = await browser.GetAsync(AuthorizeUrl(clientId: Public));
        response.Location.ShouldNotBeNull().ShouldStartWith(SpaRedirect + "?error=invalid_request");

        var (_, challenge) = Pkce();
        var ok = await browser.GetAsync(AuthorizeUrl(clientId: Public, extra: [("code_challenge", challenge), ("code_challenge_method", "S256")]));
        ok.Location.ShouldNotBeNull().ShouldStartWith(SpaRedirect + "?code=");
    }

    [Fact]
    public async Task Prompt_none_answers_login_required_when_signed_out_and_a_code_when_signed_in()
    {
        var signedOut = Returned(await app.NewFormClient().GetAsync(AuthorizeUrl(extra: [("prompt", "none")])));
        (signedOut["error"], signedOut.ContainsKey("code")).ShouldBe(("login_required", false));
        signedOut["state"].ShouldStartWith("st-");

        var browser = await app.SignedInAsync(Applicant);
        Returned(await browser.GetAsync(AuthorizeUrl(extra: [("prompt", "none")]))).ShouldContainKey("code");
    }

    [Fact]
    public async Task Signed_out_users_go_to_the_login_page_and_come_back_to_finish_the_request()
    {
        var browser = app.NewFormClient();
        var toLogin = await browser.GetAsync(AuthorizeUrl(extra: [("login_hint", Applicant), ("nonce", "n-1")]));
        toLogin.RedirectsTo("/account/login").ShouldBeTrue();
        var login = await browser.GetAsync(toLogin.Location!);
        login.Html.ShouldContain($"value=\"{Applicant}\"", customMessage: "login_hint fills in the e-mail");
        login.Html.ShouldContain("您正在通过本平台登录“测试业务系统”");
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + toLogin.Location).Query)["ReturnUrl"].ToString();

        var signedIn = await browser.PostAsync(toLogin.Location!, [new("Input.Email", Applicant), new("Input.Password", DemoAccounts.Password), new("ReturnUrl", returnUrl)]);
        signedIn.Location.ShouldBe(returnUrl);
        Returned(await browser.GetAsync(signedIn.Location!)).ShouldContainKey("code");
    }

    [Fact]
    public async Task Enrolling_an_authenticator_is_not_a_fresh_sign_in_for_max_age()
    {
        var (browser, _, _) = await Registration.RegisterAsync(app); // signed in by registering
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var enrolment = await browser.GetAsync("/account/totp");
        var key = System.Text.RegularExpressions.Regex.Match(enrolment.Html, "data-key=\"([A-Z2-7]+)\"").Groups[1].Value;
        (await browser.PostAsync("/account/totp", [new("Password", Registration.Password), new("Code", IpPlatform.Identity.Accounts.Totp.Code(key, DateTimeOffset.UtcNow))]))
            .Html.ShouldContain("动态口令已绑定");

        (await browser.GetAsync(AuthorizeUrl(extra: [("max_age", "2")]))).RedirectsTo("/account/login").ShouldBeTrue();
    }

    [Fact]
    public async Task A_consent_address_made_for_one_user_does_not_serve_another()
    {
        var first = await app.SignedInAsync("agency.admin@example.com");
        var toConsent = await first.GetAsync(AuthorizeUrl(clientId: ThirdParty, scope: "openid profile"));
        toConsent.RedirectsTo("/connect/consent").ShouldBeTrue();
        toConsent.Location.ShouldContain("ipp_consent=");

        var second = await app.SignedInAsync(Applicant);
        var borrowed = await second.GetAsync(toConsent.Location!);
        borrowed.RedirectsTo(OidcPaths.Authorize).ShouldBeTrue("without a ticket of its own the request goes back through the authorization endpoint");
        borrowed.Location.ShouldNotContain("ipp_consent=");
    }

    [Fact]
    public async Task The_sign_in_page_lets_its_form_lead_to_a_registered_client_only()
    {
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<string> PolicyAsync(string redirect) =>
            (await http.GetAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(AuthorizeUrl(redirect: redirect)))).Headers
            .GetValues("Content-Security-Policy").Single();

        (await PolicyAsync(Redirect)).ShouldContain("form-action 'self' https://rp.example.gov.cn;");
        (await PolicyAsync("https://evil.example.com/signin-oidc")).ShouldContain("form-action 'self';");
    }

    [Fact]
    public async Task Prompt_login_and_an_exceeded_max_age_force_a_fresh_sign_in_and_auth_time_reports_it()
    {
        var browser = await app.SignedInAsync(Applicant);
        var firstCode = Returned(await browser.GetAsync(AuthorizeUrl(extra: [("max_age", "10000")])))["code"];
        var first = Decode((await ExchangeAsync(app, firstCode)).Body["id_token"]!.ToString()).Payload;
        await Task.Delay(TimeSpan.FromSeconds(2.1));

        foreach (var forcing in new[] { ("prompt", "login"), ("max_age", "1") })
        {
            var toLogin = await browser.GetAsync(AuthorizeUrl(extra: [forcing]));
            toLogin.RedirectsTo("/account/login").ShouldBeTrue($"{forcing} must ask for the password again");
            (await browser.GetAsync("/org")).Status.ShouldBe(HttpStatusCode.OK, "a link cannot end the sign-in; signing in again replaces it");

            var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + toLogin.Location).Query)["ReturnUrl"].ToString();
            var signedIn = await browser.PostAsync("/account/login", [new("Input.Email", Applicant), new("Input.Password", DemoAccounts.Password), new("ReturnUrl", returnUrl)]);
            await Task.Delay(TimeSpan.FromSeconds(1.1)); // max_age=1 must not send the user round again after a fresh sign-in
            var code = Returned(await browser.GetAsync(signedIn.Location!))["code"];
            var idToken = Decode((await ExchangeAsync(app, code)).Body["id_token"]!.ToString()).Payload;
            idToken["auth_time"]!.GetValue<long>().ShouldBeGreaterThan(first["auth_time"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task A_fresh_sign_in_marker_made_elsewhere_or_forged_does_not_excuse_prompt_login()
    {
        var stranger = app.NewFormClient();
        var toLogin = await stranger.GetAsync(AuthorizeUrl(extra: [("prompt", "login")]));
        var markedUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + toLogin.Location).Query)["ReturnUrl"].ToString();
        markedUrl.ShouldContain("ipp_signin_after=");

        var browser = await app.SignedInAsync(Applicant); // signed in after the marker was made, but in another browser
        (await browser.GetAsync(markedUrl)).RedirectsTo("/account/login").ShouldBeTrue("the marker belongs to the browser it was made for");

        var forged = AuthorizeUrl(extra: [("prompt", "login"), ("ipp_signin_after", "not-a-protected-value")]);
        (await browser.GetAsync(forged)).RedirectsTo("/account/login").ShouldBeTrue();
    }
}
