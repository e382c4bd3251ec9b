using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Oidc;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace IpPlatform.Web.Tests.Oidc;

/// <summary>Clients registered for the provider's tests and the steps a relying party takes, over plain HTTP.</summary>
public static class RelyingParty
{
    public const string Confidential = "test-rp";
    public const string Public = "test-spa";
    public const string ThirdParty = "test-third";
    public const string Redirect = "https://rp.example.gov.cn/signin-oidc";
    public const string PostLogout = "https://rp.example.gov.cn/signed-out";
    public const string SpaRedirect = "http://127.0.0.1:8400/callback";
    public const string Applicant = "materials.admin@example.com";

    public static readonly string Secret = Jws.Base64Url(RandomNumberGenerator.GetBytes(32));

    public static Task RegisterAsync(WebFixture app) =>
        app.RunRecipeAsync(RecipeSource.FromStream("rp.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes($$"""
            { "name": "test relying parties", "steps": [ { "step": "oidc-clients", "clients": [
              { "clientId": "{{Confidential}}", "name": "测试业务系统", "type": "confidential", "secret": "{{Secret}}", "firstParty": true,
                "redirectUris": ["{{Redirect}}"], "postLogoutRedirectUris": ["{{PostLogout}}"],
                "scopes": ["openid", "profile", "email", "phone", "organisation", "roles", "offline_access"],
                "grantTypes": ["authorization_code", "refresh_token", "client_credentials"] },
              { "clientId": "{{Public}}", "name": "测试浏览器应用", "type": "public", "firstParty": true,
                "redirectUris": ["{{SpaRedirect}}"], "scopes": ["openid", "profile"], "grantTypes": ["authorization_code", "refresh_token"] },
              { "clientId": "{{ThirdParty}}", "name": "某市场化服务平台", "type": "confidential", "secret": "{{Secret}}",
                "redirectUris": ["{{Redirect}}"], "scopes": ["openid", "profile", "organisation"], "grantTypes": ["authorization_code"] }
            ] } ] }
            """))));

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Jws.Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Jws.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string clientId = Confidential, string scope = "openid profile", string? redirect = null, params (string Name, string Value)[] extra)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirect ?? (clientId == Public ? SpaRedirect : Redirect), ["response_type"] = "code",
            ["scope"] = scope, ["state"] = "st-" + Guid.NewGuid().ToString("N")[..8],
        };
        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return QueryHelpers.AddQueryString(OidcPaths.Authorize, query.Where(q => q.Value is not null).ToDictionary());
    }

    /// <summary>The parameters of a redirect back to the client.</summary>
    public static Dictionary<string, string> Returned(PageResponse response)
    {
        response.Status.ShouldBe(System.Net.HttpStatusCode.Redirect, response.Html.Length > 300 ? response.Html[..300] : response.Html);
        var location = response.Location.ShouldNotBeNull();
        location.ShouldStartWith("https://rp.example.gov.cn/", Case.Sensitive, "anything else is not a redirect back to the client: " + location);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static async Task<string> CodeAsync(FormClient browser, string scope = "openid profile offline_access", params (string Name, string Value)[] extra) =>
        Returned(await browser.GetAsync(AuthorizeUrl(scope: scope, extra: extra)))["code"];

    public static async Task<(int Status, JsonObject Body)> TokenAsync(WebFixture app, IEnumerable<(string Name, string Value)> form, string? basicClient = Confidential, string? basicSecret = null)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, OidcPaths.Token)
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        if (basicClient is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(basicClient) + ":" + Uri.EscapeDataString(basicSecret ?? Secret))));
        }

        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static Task<(int Status, JsonObject Body)> ExchangeAsync(WebFixture app, string code, string? verifier = null) =>
        TokenAsync(app, verifier is null
            ? [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect)]
            : [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("code_verifier", verifier)]);

    /// <summary>A signed-in applicant's code exchanged for tokens.</summary>
    public static async Task<JsonObject> TokensAsync(WebFixture app, string scope = "openid profile offline_access", string? nonce = null, string email = Applicant)
    {
        var browser = await app.SignedInAsync(email);
        var code = await CodeAsync(browser, scope, nonce is null ? [] : [("nonce", nonce)]);
        var (status, body) = await ExchangeAsync(app, code);
        status.ShouldBe(200, body.ToJsonString());
        return body;
    }

    public static async Task<(int Status, string Body)> UserInfoAsync(WebFixture app, string accessToken, string how = "header")
    {
        using var http = app.CreateClient();
        using var request = how switch
        {
            "get" => new HttpRequestMessage(HttpMethod.Get, OidcPaths.UserInfo),
            "body" => new HttpRequestMessage(HttpMethod.Post, OidcPaths.UserInfo) { Content = new FormUrlEncodedContent([new("access_token", accessToken)]) },
            _ => new HttpRequestMessage(HttpMethod.Post, OidcPaths.UserInfo),
        };
        if (how != "body")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Header and payload of a compact JWS, unverified (tests verify the signature separately).</summary>
    public static (JsonObject Header, JsonObject Payload) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        return (JsonNode.Parse(Jws.FromBase64Url(parts[0]))!.AsObject(), JsonNode.Parse(Jws.FromBase64Url(parts[1]))!.AsObject());
    }
}
