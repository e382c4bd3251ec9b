using System.Net;
using IpPlatform.Identity.Oidc;
using static IpPlatform.Web.Tests.Oidc.RelyingParty;

namespace IpPlatform.Web.Tests.Oidc;

/// <summary>Consent for clients that are not the platform's own (remembered, revocable), and RP-initiated logout.</summary>
public sealed class ConsentAndLogoutTests(WebFixture app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await RegisterAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private const string Email = "ocean.admin@example.com";

    [Fact]
    public async Task A_third_party_client_needs_consent_which_can_be_declined_remembered_and_withdrawn()
    {
        var browser = await app.SignedInAsync(Email);
        var toConsent = await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty, scope: "openid profile organisation roles"));
        toConsent.RedirectsTo("/connect/consent").ShouldBeTrue();
        Returned(await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty, extra: [("prompt", "none")])))["error"].ShouldBe("consent_required");

        var page = await browser.GetAsync(toConsent.Location!);
        page.Html.ShouldContain("某市场化服务平台");
        page.Html.ShouldContain("您所在单位的名称、统一社会信用代码和认证状态");
        page.Html.ShouldNotContain("工作人员角色", customMessage: "roles is not allowed for this client, so it is not asked for");
        var fields = HiddenFields(page.Html);

        var declined = Returned(await browser.PostAsync(toConsent.Location!, [.. fields, new("decision", "deny")], action: toConsent.Location));
        declined["error"].ShouldBe("access_denied");

        var allowed = Returned(await browser.PostAsync(toConsent.Location!, [.. fields, new("decision", "allow"), new("remember", "true")], action: toConsent.Location));
        var (status, tokens) = await TokenAsync(app, [("grant_type", "authorization_code"), ("code", allowed["code"]), ("redirect_uri", Redirect)], ThirdParty);
        status.ShouldBe(200);
        Returned(await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty, scope: "openid profile organisation"))).ShouldContainKey("code");
        (await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty, extra: [("prompt", "consent")]))).RedirectsTo("/connect/consent").ShouldBeTrue();

        var apps = await browser.GetAsync("/account/apps");
        apps.Status.ShouldBe(HttpStatusCode.OK);
        apps.Html[apps.Html.IndexOf("<main", StringComparison.Ordinal)..].ShouldContain("某市场化服务平台");
        var withdrawn = await browser.PostAsync("/account/apps", [new("clientId", ThirdParty)], action: "/account/apps");
        withdrawn.Status.ShouldBe(HttpStatusCode.Redirect);
        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(401, "withdrawing consent ends the client's tokens");
        (await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty))).RedirectsTo("/connect/consent").ShouldBeTrue();
    }

    [Fact]
    public async Task A_consent_form_without_its_antiforgery_token_changes_nothing()
    {
        var browser = await app.SignedInAsync(Email);
        var toConsent = await browser.GetAsync(AuthorizeUrl(clientId: ThirdParty, scope: "openid profile"));
        var page = await browser.GetAsync(toConsent.Location!);
        var forged = await browser.Http.PostAsync(toConsent.Location!, new FormUrlEncodedContent([.. HiddenFields(page.Html), new("decision", "allow")]));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forged.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task End_session_with_the_users_id_token_signs_out_and_returns_to_a_registered_address_with_the_state()
    {
        var browser = await app.SignedInAsync(Email);
        var code = await CodeAsync(browser);
        var idToken = (await ExchangeAsync(app, code)).Body["id_token"]!.ToString();

        var refused = await browser.GetAsync($"{OidcPaths.EndSession}?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example.com/")}");
        (refused.Status, refused.Location).ShouldBe((HttpStatusCode.BadRequest, null));
        (await browser.GetAsync("/org")).Status.ShouldBe(HttpStatusCode.OK, "a refused logout leaves the session alone");

        var done = await browser.GetAsync($"{OidcPaths.EndSession}?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString(PostLogout)}&state=bye-1");
        done.Location.ShouldBe(PostLogout + "?state=bye-1");
        (await browser.GetAsync("/org")).RedirectsTo("/account/login").ShouldBeTrue();
    }

    [Fact]
    public async Task End_session_without_a_hint_asks_the_user_to_confirm()
    {
        var browser = await app.SignedInAsync(Email);
        var ask = await browser.GetAsync($"{OidcPaths.EndSession}?client_id={Confidential}&post_logout_redirect_uri={Uri.EscapeDataString(PostLogout)}");
        ask.Status.ShouldBe(HttpStatusCode.OK);
        ask.Html.ShouldContain("测试业务系统");
        (await browser.GetAsync("/org")).Status.ShouldBe(HttpStatusCode.OK, "nothing happens before the user confirms");

        var confirmed = await browser.PostAsync(OidcPaths.EndSession + "/confirm", [.. HiddenFields(ask.Html)], action: OidcPaths.EndSession + "/confirm");
        confirmed.Location.ShouldBe(PostLogout);
        (await browser.GetAsync("/org")).RedirectsTo("/account/login").ShouldBeTrue();
    }

    private static List<KeyValuePair<string, string>> HiddenFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
}
