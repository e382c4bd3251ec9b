using System.Text;
using IpPlatform.Identity.Oidc;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Oidc;

public sealed class ClientRegistrationTests(WebFixture app)
{
    private Task<RecipeResult> RunAsync(string clients) =>
        app.RunRecipeAsync(RecipeSource.FromStream("clients.recipe.json",
            new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "name": "clients", "steps": [ { "step": "oidc-clients", "clients": [ {{clients}} ] } ] }"""))));

    [Fact]
    public async Task Clients_are_registered_by_recipe_with_exact_redirect_uris_and_hashed_secrets()
    {
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        await RunAsync($$"""
            { "clientId": "financing-credit", "name": "辽宁省融资信用服务平台", "type": "confidential", "secret": "{{secret}}",
              "redirectUris": ["https://credit.example.gov.cn/signin-oidc"], "postLogoutRedirectUris": ["https://credit.example.gov.cn/"],
              "scopes": ["openid", "profile", "organisation"], "grantTypes": ["authorization_code", "refresh_token", "client_credentials"] },
            { "clientId": "city-portal", "name": "沈阳市政务门户", "type": "public", "firstParty": true,
              "redirectUris": ["http://127.0.0.1:8123/callback"], "scopes": ["openid", "email"], "grantTypes": ["authorization_code"] }
            """);

        await using var scope = app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
        var client = (await applications.FindByClientIdAsync("financing-credit")).ShouldNotBeNull();
        (await app.Database.ScalarAsync<string>("SELECT client_secret FROM oidc_clients WHERE client_id = 'financing-credit'")).ShouldNotBeNull().ShouldNotContain(secret);
        (await applications.ValidateClientSecretAsync(client, secret)).ShouldBeTrue();
        (await applications.ValidateClientSecretAsync(client, secret + "x")).ShouldBeFalse();
        (await applications.ValidateClientSecretAsync(client, "s3cr3t-" + Guid.NewGuid().ToString("N"))).ShouldBeFalse();
        (await applications.GetRedirectUrisAsync(client)).ShouldBe(["https://credit.example.gov.cn/signin-oidc"]);
    }

    [Fact]
    public async Task A_client_breaking_the_rules_is_refused_with_every_problem_named()
    {
        var refused = await Should.ThrowAsync<RecipeValidationException>(() => RunAsync("""
            { "clientId": "x", "name": "", "type": "public", "secret": "short",
              "redirectUris": ["http://evil.example.com/cb", "https://ok.example.com/cb#frag"], "scopes": ["openid", "admin"],
              "grantTypes": ["implicit", "client_credentials", "authorization_code"] }
            """));
        var text = string.Join("\n", refused.Errors.Select(e => e.ToString()));
        foreach (var expected in new[] { "客户端标识为 3–100", "缺少客户端名称", "公开客户端不设密钥", "不支持的范围“admin”", "不支持的授权方式“implicit”",
            "公开客户端不能使用 client_credentials", "须使用 https", "不能带 # 片段" })
        {
            text.ShouldContain(expected);
        }
    }

    [Fact]
    public async Task A_province_administrator_registers_a_client_whose_secret_is_shown_once_and_stored_hashed()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        KeyValuePair<string, string>[] Fields(string redirect) =>
        [
            new("ClientId", "dalian-portal"), new("Name", "大连市政务服务门户"), new("Type", "Confidential"), new("RedirectUris", redirect),
            new("Scopes", "openid"), new("Scopes", "organisation"), new("GrantTypes", "authorization_code"),
        ];

        var badType = await admin.PostAsync("/admin/oidc-clients", [.. Fields("https://portal.dalian.example.gov.cn/cb").Where(f => f.Key != "Type"), new("Type", "Bogus")]);
        badType.Html.ShouldContain("“类型”的值“Bogus”无效");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM oidc_clients WHERE client_id = 'dalian-portal'")).ShouldBe(0);

        var refused = await admin.PostAsync("/admin/oidc-clients", Fields("http://portal.dalian.example.gov.cn/cb"));
        refused.Html.ShouldContain("须使用 https");
        refused.Html.ShouldContain("大连市政务服务门户");
        var longName = await admin.PostAsync("/admin/oidc-clients", [.. Fields("https://portal.dalian.example.gov.cn/cb").Where(f => f.Key != "Name"), new("Name", new string('长', 101))]);
        longName.Html.ShouldContain("缺少客户端名称，或超过100字");

        var created = await admin.PostAsync("/admin/oidc-clients", Fields("https://portal.dalian.example.gov.cn/cb"));
        var secret = System.Text.RegularExpressions.Regex.Match(created.Html, "只显示这一次，请立即妥善保存）：<code>([^<]+)</code>").Groups[1].Value;
        secret.Length.ShouldBeGreaterThanOrEqualTo(43);
        (await app.Database.ScalarAsync<string>("SELECT client_secret FROM oidc_clients WHERE client_id = 'dalian-portal'")).ShouldBe(PlatformApplicationManager<OidcApplication>.HashSecret(secret));
        (await admin.GetAsync("/admin/oidc-clients/dalian-portal")).Html.ShouldNotContain(secret);

        var regenerated = await admin.PostAsync("/admin/oidc-clients/dalian-portal", [], "/admin/oidc-clients/dalian-portal/Secret");
        var next = System.Text.RegularExpressions.Regex.Match(regenerated.Html, "<code>([^<]+)</code>").Groups[1].Value;
        next.ShouldNotBe(secret);
        (await app.Database.ScalarAsync<string>("SELECT client_secret FROM oidc_clients WHERE client_id = 'dalian-portal'")).ShouldBe(PlatformApplicationManager<OidcApplication>.HashSecret(next));
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE object_id = 'dalian-portal'")).ShouldBe(2);

        (await (await app.SignedInAsync("admin.shenyang@example.com")).GetAsync("/admin/oidc-clients")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
