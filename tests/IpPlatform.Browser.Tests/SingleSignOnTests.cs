using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Identity.Oidc;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>The platform as an OpenID Connect provider, seen by real relying-party software (openid-client and jose in node, ASP.NET Core's OpenID Connect handler) and a real browser.</summary>
public sealed class SingleSignOnTests(BrowserFixture app)
{
    private const string ClientRedirect = "https://credit.example.gov.cn/signin-oidc";
    private const string ClientSignedOut = "https://credit.example.gov.cn/signed-out";
    private static readonly string Secret = Jws.Base64Url(RandomNumberGenerator.GetBytes(32));

    private Task RegisterAsync(string clientId, bool firstParty) =>
        app.RunRecipeAsync(RecipeSource.FromStream("sso.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes($$"""
            { "name": "sso test clients", "steps": [ { "step": "oidc-clients", "clients": [
              { "clientId": "{{clientId}}", "name": "辽宁省融资信用服务平台", "type": "confidential", "secret": "{{Secret}}", "firstParty": {{(firstParty ? "true" : "false")}},
                "redirectUris": ["{{ClientRedirect}}"], "postLogoutRedirectUris": ["{{ClientSignedOut}}"],
                "scopes": ["openid", "profile", "email", "organisation", "offline_access"], "grantTypes": ["authorization_code", "refresh_token", "client_credentials"] } ] } ] }
            """))));

    [Fact]
    public async Task Openid_client_and_jose_complete_discovery_code_with_pkce_token_userinfo_refresh_revocation_client_credentials_and_end_session()
    {
        await RegisterAsync("interop-rp", firstParty: true);
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("node", Path.Combine(root, "tests", "oidc-interop", "interop.mjs"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, "tests", "oidc-interop"),
            Environment =
            {
                ["ISSUER"] = app.BaseAddress.ToString().TrimEnd('/'), ["CLIENT_ID"] = "interop-rp", ["CLIENT_SECRET"] = Secret,
                ["REDIRECT_URI"] = ClientRedirect, ["POST_LOGOUT_URI"] = ClientSignedOut,
                ["EMAIL"] = "materials.admin@example.com", ["PASSWORD"] = DemoAccounts.Password,
            },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var log = await output + await errors;
        File.WriteAllText(Path.Combine(Artifacts.Directory("oidc"), "interop.log"), log);

        node.ExitCode.ShouldBe(0, log);
        foreach (var step in new[] { "discovery", "authorization", "token", "userinfo", "refresh", "revocation", "client-credentials", "end-session" })
        {
            log.ShouldContain($"{{\"step\":\"{step}\"", customMessage: log);
        }

        log.ShouldContain("{\"done\":true}");
    }

    [Fact]
    public async Task A_browser_signs_in_for_another_system_gives_consent_and_lands_back_there_without_a_csp_violation()
    {
        await RegisterAsync("browser-rp", firstParty: false);
        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        string? landed = null;
        await page.Context.RouteAsync("https://credit.example.gov.cn/**", async route =>
        {
            landed = route.Request.Url;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<p>已返回业务系统</p>" });
        });

        var challenge = Jws.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(new string('v', 43))));
        await page.GotoAsync($"{OidcPaths.Authorize}?client_id=browser-rp&response_type=code&scope=openid%20profile%20organisation&state=s-1" +
                             $"&redirect_uri={Uri.EscapeDataString(ClientRedirect)}&code_challenge={challenge}&code_challenge_method=S256");
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByLabel("登录邮箱").FillAsync("ocean.admin@example.com");
        await page.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync("**/connect/consent**");
        (await page.Locator("#consent-client").InnerTextAsync()).ShouldBe("辽宁省融资信用服务平台");
        (await page.Locator("#consent-scopes").InnerTextAsync()).ShouldContain("统一社会信用代码");
        await BrowserFixture.ScreenshotAsync(page, "sso-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "同意" }).ClickAsync();

        await page.WaitForURLAsync(ClientRedirect + "**");
        landed.ShouldNotBeNull().ShouldContain("code=");
        landed.ShouldContain("state=s-1");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_aspnet_core_application_signs_its_user_in_through_the_platform_and_reads_the_organisation_claim()
    {
        // A real relying party: ASP.NET Core's OpenID Connect handler (code flow with PKCE, userinfo), on its own port.
        var rp = WebApplication.CreateSlimBuilder();
        rp.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        rp.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        rp.Services.AddAuthentication(o => (o.DefaultScheme, o.DefaultChallengeScheme) = (CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme))
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = app.BaseAddress.ToString().TrimEnd('/');
                o.RequireHttpsMetadata = false;
                (o.ClientId, o.ClientSecret, o.ResponseType, o.UsePkce) = ("aspnet-rp", Secret, "code", true);
                o.ResponseMode = "query"; // the provider answers in the query only (its pages send no auto-posting forms)
                o.Scope.Add("organisation");
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                // The organisation is a JSON object, which MapJsonKey skips: the application keeps it as JSON.
                o.ClaimActions.MapCustomJson("organisation", user => user.TryGetProperty("organisation", out var organisation) ? organisation.GetRawText() : null);
            });
        await using var relyingParty = rp.Build();
        relyingParty.UseAuthentication();
        relyingParty.MapGet("/", (HttpContext http) => http.User.Identity?.IsAuthenticated == true
            ? Results.Content($"<p id=\"who\">{System.Net.WebUtility.HtmlEncode(http.User.FindFirst("name")?.Value)}</p><p id=\"org\">{System.Net.WebUtility.HtmlEncode(http.User.FindFirst("organisation")?.Value)}</p><pre id=\"claims\">{System.Net.WebUtility.HtmlEncode(string.Join("\n", http.User.Claims.Select(c => c.Type + "=" + c.Value)))}</pre>", "text/html; charset=utf-8")
            : Results.Challenge());
        await relyingParty.StartAsync();
        var rpAddress = relyingParty.Urls.First().TrimEnd('/');

        await app.RunRecipeAsync(RecipeSource.FromStream("aspnet-rp.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes($$"""
            { "name": "aspnet relying party", "steps": [ { "step": "oidc-clients", "clients": [
              { "clientId": "aspnet-rp", "name": "ASP.NET Core 业务系统", "type": "confidential", "secret": "{{Secret}}", "firstParty": true,
                "redirectUris": ["{{rpAddress}}/signin-oidc"], "scopes": ["openid", "profile", "organisation"], "grantTypes": ["authorization_code"] } ] } ] }
            """))));

        await using var browser = await app.NewPageAsync();
        var (page, errors) = browser;
        await page.GotoAsync(rpAddress + "/");
        await page.WaitForURLAsync("**/account/login**");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("ASP.NET Core 业务系统");
        await page.GetByLabel("登录邮箱").FillAsync("materials.admin@example.com");
        await page.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync(rpAddress + "/");
        var claims = await page.Locator("#claims").InnerTextAsync();
        var organisationJson = await page.Locator("#org").InnerTextAsync();
        organisationJson.ShouldNotBeNullOrEmpty(claims);
        var organisation = System.Text.Json.Nodes.JsonNode.Parse(organisationJson)!;
        organisation["credit_code"]!.ToString().ShouldBe(DemoAccounts.CreditCodeOf("materials.admin@example.com"));
        organisation["certified"]!.GetValue<bool>().ShouldBeTrue();
        (await page.Locator("#who").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        errors.ShouldBeEmpty();
        await relyingParty.StopAsync();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IpPlatform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IpPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
