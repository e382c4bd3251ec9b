using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Oidc;
using Microsoft.Extensions.DependencyInjection;
using static IpPlatform.Web.Tests.Oidc.RelyingParty;

namespace IpPlatform.Web.Tests.Oidc;

/// <summary>Codes, tokens and their rules: single use, 60 s, PKCE, signed RS256 with kid, at_hash, rotation and revocation.</summary>
public sealed class TokenEndpointTests(WebFixture app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await RegisterAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonObject> DiscoveryAsync() =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync(OidcPaths.Discovery))!.AsObject();

    private async Task<JsonObject?> VerifyAsync(string jwt)
    {
        var jwks = JsonNode.Parse(await app.CreateClient().GetStringAsync(OidcPaths.Jwks))!["keys"]!.AsArray();
        return Jws.Verify(jwt, kid => jwks.FirstOrDefault(k => k!["kid"]!.ToString() == kid) is { } k
            ? RSA.Create(new RSAParameters { Modulus = Jws.FromBase64Url(k["n"]!.ToString()), Exponent = Jws.FromBase64Url(k["e"]!.ToString()) })
            : null);
    }

    [Fact]
    public async Task Discovery_names_every_endpoint_under_the_issuer_and_only_what_the_provider_does()
    {
        var d = await DiscoveryAsync();
        d["issuer"]!.ToString().ShouldBe("http://ipp.test");
        foreach (var (key, path) in new[] { ("authorization_endpoint", OidcPaths.Authorize), ("token_endpoint", OidcPaths.Token), ("userinfo_endpoint", OidcPaths.UserInfo),
            ("jwks_uri", OidcPaths.Jwks), ("end_session_endpoint", OidcPaths.EndSession), ("revocation_endpoint", OidcPaths.Revocation), ("introspection_endpoint", OidcPaths.Introspection) })
        {
            d[key]!.ToString().ShouldBe("http://ipp.test" + path);
        }

        d["response_types_supported"]!.AsArray().Select(x => x!.ToString()).ShouldBe(["code"]);
        d["code_challenge_methods_supported"]!.AsArray().Select(x => x!.ToString()).ShouldBe(["S256"]);
        d["grant_types_supported"]!.AsArray().Select(x => x!.ToString()).ShouldNotContain("implicit");
        d["grant_types_supported"]!.AsArray().Select(x => x!.ToString()).ShouldNotContain("password");
        d["id_token_signing_alg_values_supported"]!.AsArray().Select(x => x!.ToString()).ShouldBe(["RS256"]);
    }

    [Fact]
    public async Task The_id_token_is_rs256_with_a_published_kid_and_carries_iss_aud_exp_iat_sub_auth_time_nonce_and_at_hash()
    {
        var tokens = await TokensAsync(app, scope: "openid profile", nonce: "nonce-值-1");
        tokens.ContainsKey("refresh_token").ShouldBeFalse("no offline_access, no refresh token (OIDC Core §11)");
        var idToken = tokens["id_token"]!.ToString();
        var (header, payload) = Decode(idToken);
        (header["alg"]!.ToString(), header["typ"]!.ToString()).ShouldBe(("RS256", "JWT"));
        (await VerifyAsync(idToken)).ShouldNotBeNull("signed by a key in the JWKS");
        payload["iss"]!.ToString().ShouldBe("http://ipp.test");
        payload["aud"]!.ToString().ShouldBe(Confidential);
        payload["nonce"]!.ToString().ShouldBe("nonce-值-1");
        Guid.TryParse(payload["sub"]!.ToString(), out _).ShouldBeTrue();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        payload["iat"]!.GetValue<long>().ShouldBeInRange(now - 5, now + 1);
        payload["exp"]!.GetValue<long>().ShouldBe(payload["iat"]!.GetValue<long>() + 600);
        payload["auth_time"]!.GetValue<long>().ShouldBeLessThanOrEqualTo(now);

        var accessToken = tokens["access_token"]!.ToString();
        var expected = Jws.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));
        payload["at_hash"]!.ToString().ShouldBe(expected);

        var (accessHeader, access) = Decode(accessToken);
        (accessHeader["alg"]!.ToString(), accessHeader["typ"]!.ToString(), accessHeader["kid"]!.ToString()).ShouldBe(("RS256", "at+jwt", header["kid"]!.ToString()));
        (await VerifyAsync(accessToken)).ShouldNotBeNull();
        access["client_id"]!.ToString().ShouldBe(Confidential);
        tokens["token_type"]!.ToString().ShouldBe("Bearer");
        (access["exp"]!.GetValue<long>() - access["iat"]!.GetValue<long>()).ShouldBe(600, "access tokens live ten minutes");
        tokens["expires_in"]!.GetValue<int>().ShouldBeInRange(599, 600, "counted from the token's exp, whole seconds");
    }

    [Fact]
    public async Task Without_a_nonce_the_flow_succeeds_and_the_id_token_has_none()
    {
        var payload = Decode((await TokensAsync(app))["id_token"]!.ToString()).Payload;
        payload.ContainsKey("nonce").ShouldBeFalse();
    }

    /// <summary>
    /// A revocation that loses a race — the grant's row changed after the revoking request read it (OpenIddict's
    /// TryRevokeAsync then answers false) — reads the grant again and still revokes it: the access token stops working.
    /// </summary>
    [Fact]
    public async Task A_grant_changed_by_another_request_after_it_was_read_is_still_revoked()
    {
        var tokens = await TokensAsync(app);
        var accessToken = tokens["access_token"]!.ToString();
        var grant = Decode(accessToken).Payload["oi_au_id"]!.ToString();
        (await UserInfoAsync(app, accessToken)).Status.ShouldBe(200);

        await using var revoking = app.Services.CreateAsyncScope();
        var read = await revoking.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictAuthorizationManager>().FindByIdAsync(grant);
        read.ShouldNotBeNull();
        // Meanwhile another request changes the grant's row (as any update does, it gives it a new concurrency token).
        (await app.Database.ScalarAsync<long>($"WITH changed AS (UPDATE oidc_authorizations SET concurrency_token = gen_random_uuid()::text WHERE id = '{grant}' RETURNING 1) SELECT count(*) FROM changed"))
            .ShouldBe(1);

        await revoking.ServiceProvider.GetRequiredService<GrantRevocation>().RevokeAsync(grant, "test-race", CancellationToken.None);

        (await app.Database.ScalarAsync<string>($"SELECT status FROM oidc_authorizations WHERE id = '{grant}'")).ShouldBe("revoked");
        (await UserInfoAsync(app, accessToken)).Status.ShouldBe(401);
        (await app.Database.ScalarAsync<string>($"SELECT outcome FROM audit_log WHERE event = 'oidc.grant-revoked' AND object_id = '{grant}' AND details->>'reason' = 'test-race'"))
            .ShouldBe("Success");
    }

    [Fact]
    public async Task A_code_used_twice_fails_and_revokes_the_tokens_its_first_use_issued()
    {
        var browser = await app.SignedInAsync(Applicant);
        var code = await CodeAsync(browser);
        var (status, first) = await ExchangeAsync(app, code);
        status.ShouldBe(200);
        (await UserInfoAsync(app, first["access_token"]!.ToString())).Status.ShouldBe(200);

        var (again, error) = await ExchangeAsync(app, code);
        (again, error["error"]!.ToString()).ShouldBe((400, "invalid_grant"));
        (await UserInfoAsync(app, first["access_token"]!.ToString())).Status.ShouldBe(401);
        var (refreshStatus, refreshError) = await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", first["refresh_token"]!.ToString())]);
        (refreshStatus, refreshError["error"]!.ToString()).ShouldBe((400, "invalid_grant"));
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'oidc.grant-revoked' AND details->>'reason' = 'code-reused'")).ShouldBeGreaterThan(0);
        var grant = Decode(first["access_token"]!.ToString()).Payload["oi_au_id"]!.ToString();
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'oidc.tokens-issued' AND object_id = '{grant}'"))
            .ShouldBe(1, "the issuance is audited once; the refused replay issued nothing");
    }

    [Fact]
    public async Task Simultaneous_redemptions_of_one_code_give_tokens_once_and_the_replays_revoke_them()
    {
        var browser = await app.SignedInAsync(Applicant);
        var code = await CodeAsync(browser);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ExchangeAsync(app, code)));
        var issued = results.Where(r => r.Status == 200).ShouldHaveSingleItem();
        results.Where(r => r.Status != 200).ShouldAllBe(r => r.Status == 400 && r.Body["error"]!.ToString() == "invalid_grant");
        (await UserInfoAsync(app, issued.Body["access_token"]!.ToString())).Status.ShouldBe(401);
    }

    [Fact]
    public async Task A_code_older_than_60_seconds_is_refused()
    {
        var browser = await app.SignedInAsync(Applicant);
        var code = await CodeAsync(browser);
        var expires = await app.Database.ScalarAsync<DateTime>($"SELECT expiration_date FROM oidc_tokens WHERE reference_id = '{OpaqueToken.Hash(code)}'");
        var created = await app.Database.ScalarAsync<DateTime>($"SELECT creation_date FROM oidc_tokens WHERE reference_id = '{OpaqueToken.Hash(code)}'");
        (expires - created).ShouldBe(TimeSpan.FromSeconds(60));

        using (app.Clock.Advance(TimeSpan.FromSeconds(61)))
        {
            var (status, body) = await ExchangeAsync(app, code);
            (status, body["error"]!.ToString()).ShouldBe((400, "invalid_grant"));
        }
    }

    [Fact]
    public async Task Pkce_s256_is_checked_and_a_code_is_bound_to_its_client_and_redirect_uri()
    {
        var browser = await app.SignedInAsync(Applicant);
        var (verifier, challenge) = Pkce();
        var pkce = new[] { ("code_challenge", challenge), ("code_challenge_method", "S256") };

        var code = await CodeAsync(browser, extra: pkce);
        (await ExchangeAsync(app, code, Pkce().Verifier)).Body["error"]!.ToString().ShouldBe("invalid_grant");

        code = await CodeAsync(browser, extra: pkce);
        (await ExchangeAsync(app, code)).Body["error"]!.ToString().ShouldBe("invalid_grant", "the verifier is required once a challenge was sent");

        code = await CodeAsync(browser, extra: pkce);
        (await TokenAsync(app, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect + "x"), ("code_verifier", verifier)]))
            .Body["error"]!.ToString().ShouldBe("invalid_grant");

        code = await CodeAsync(browser, extra: pkce);
        (await TokenAsync(app, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("code_verifier", verifier)], ThirdParty))
            .Body["error"]!.ToString().ShouldBe("invalid_grant", "another client cannot redeem the code");
        (await ExchangeAsync(app, code, verifier)).Status.ShouldBe(200, "nor burn it");
    }

    [Fact]
    public async Task Client_authentication_accepts_basic_or_post_and_refuses_a_wrong_secret_with_invalid_client()
    {
        var (status, body) = await TokenAsync(app, [("grant_type", "client_credentials")], basicSecret: "wrong-secret");
        (status, body["error"]!.ToString()).ShouldBe((401, "invalid_client"));

        (await TokenAsync(app, [("grant_type", "client_credentials"), ("client_id", Confidential), ("client_secret", Secret)], basicClient: null)).Status.ShouldBe(200);
        (await TokenAsync(app, [("grant_type", "client_credentials"), ("client_secret", Secret)])).Body["error"]!.ToString().ShouldBe("invalid_request");
        (await TokenAsync(app, [("grant_type", "password"), ("username", Applicant), ("password", "x")])).Body["error"]!.ToString().ShouldBe("unsupported_grant_type");
        (await TokenAsync(app, [("grant_type", "client_credentials")], basicClient: Public, basicSecret: "guessed"))
            .Body["error"]!.ToString().ShouldBe("invalid_client", "a public client has no secret to present");
        (await TokenAsync(app, [("grant_type", "client_credentials"), ("client_id", Public)], basicClient: null))
            .Body["error"]!.ToString().ShouldBe("unauthorized_client", "a public client cannot act for itself");
    }

    [Fact]
    public async Task Client_credentials_give_a_client_its_own_token_without_user_claims_or_refresh_token()
    {
        var (status, body) = await TokenAsync(app, [("grant_type", "client_credentials")]);
        status.ShouldBe(200);
        body.ContainsKey("refresh_token").ShouldBeFalse();
        body.ContainsKey("id_token").ShouldBeFalse();
        Decode(body["access_token"]!.ToString()).Payload["sub"]!.ToString().ShouldBe(Confidential);
        (await UserInfoAsync(app, body["access_token"]!.ToString())).Status.ShouldBe(401);
        (await TokenAsync(app, [("grant_type", "client_credentials"), ("scope", "profile")])).Body["error"]!.ToString().ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_chain()
    {
        var tokens = await TokensAsync(app);
        var first = tokens["refresh_token"]!.ToString();
        var (status, rotated) = await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", first)]);
        status.ShouldBe(200);
        var second = rotated["refresh_token"]!.ToString();
        second.ShouldNotBe(first);
        (await UserInfoAsync(app, rotated["access_token"]!.ToString())).Status.ShouldBe(200);

        var (reuse, error) = await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", first)]);
        (reuse, error["error"]!.ToString()).ShouldBe((400, "invalid_grant"));
        (await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", second)])).Status.ShouldBe(400, "the newest token of the chain is revoked too");
        (await UserInfoAsync(app, rotated["access_token"]!.ToString())).Status.ShouldBe(401);
        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(401);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_at_once_ends_the_whole_grant_whoever_was_answered_first()
    {
        var tokens = await TokensAsync(app);
        var presented = tokens["refresh_token"]!.ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", presented)])));

        // Requests that overlap may each be answered (OpenIddict lets concurrent refreshes through); the second
        // redemption of the same token is the reuse, and every token of the grant stops working at once.
        results.Where(r => r.Status != 200).ShouldAllBe(r => r.Status == 400 && r.Body["error"]!.ToString() == "invalid_grant");
        var answered = results.Where(r => r.Status == 200).ToList();
        answered.ShouldNotBeEmpty();
        foreach (var (_, rotated) in answered)
        {
            (await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", rotated["refresh_token"]!.ToString())])).Status
                .ShouldBe(400, "a token given for the reused one belongs to the revoked grant");
            (await UserInfoAsync(app, rotated["access_token"]!.ToString())).Status.ShouldBe(401);
        }

        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(401, "the first access token of the grant ends with it");
    }

    [Fact]
    public async Task Userinfo_answers_get_post_and_a_body_token_with_claims_only_for_the_granted_scopes()
    {
        var narrow = (await TokensAsync(app, scope: "openid"))["access_token"]!.ToString();
        var (status, body) = await UserInfoAsync(app, narrow, "get");
        status.ShouldBe(200);
        JsonNode.Parse(body)!.AsObject().Select(p => p.Key).ShouldBe(["sub"]);

        var wide = (await TokensAsync(app, scope: "organisation email openid profile phone"))["access_token"]!.ToString();
        foreach (var how in new[] { "get", "header", "body" })
        {
            var (s, text) = await UserInfoAsync(app, wide, how);
            s.ShouldBe(200, how);
            var claims = JsonNode.Parse(text)!.AsObject();
            claims["email"]!.ToString().ShouldBe(Applicant);
            claims["name"].ShouldNotBeNull();
            claims["organisation"]!["credit_code"]!.ToString().ShouldBe(IpPlatform.Testing.DemoAccounts.CreditCodeOf(Applicant));
            claims["organisation"]!["certified"]!.GetValue<bool>().ShouldBeTrue();
            claims.ContainsKey("roles").ShouldBeFalse();
        }

        (await UserInfoAsync(app, wide + "x")).Status.ShouldBe(401);
        using var http = app.CreateClient();
        (await http.GetAsync(OidcPaths.UserInfo + "?access_token=" + wide)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized, "never from the query string");
    }

    [Fact]
    public async Task The_roles_scope_gives_a_staff_member_their_roles_with_the_authority()
    {
        var access = (await TokensAsync(app, scope: "openid roles", email: "reviewer.shenyang@example.com"))["access_token"]!.ToString();
        var claims = JsonNode.Parse((await UserInfoAsync(app, access)).Body)!.AsObject();
        var role = claims["roles"]!.AsArray().ShouldHaveSingleItem()!;
        (role["role"]!.ToString(), role["authority"]!.ToString(), role["authority_name"]!.ToString()).ShouldBe(("CityReviewer", "210100", "沈阳市知识产权局"));
        Decode((await TokensAsync(app, scope: "openid", email: "reviewer.shenyang@example.com"))["id_token"]!.ToString()).Payload["amr"]!
            .AsArray().Select(a => a!.ToString()).ShouldContain("mfa");
    }

    [Fact]
    public async Task Revocation_ends_the_grant_and_introspection_reports_it()
    {
        var tokens = await TokensAsync(app);
        var access = tokens["access_token"]!.ToString();
        var active = await TokenEndpointAsync(OidcPaths.Introspection, [("token", access)]);
        active["active"]!.GetValue<bool>().ShouldBeTrue();
        active["client_id"]!.ToString().ShouldBe(Confidential);
        (await TokenEndpointAsync(OidcPaths.Introspection, [("token", tokens["refresh_token"]!.ToString())]))["token_type"]!.ToString().ShouldBe("refresh_token");

        (await RawAsync(OidcPaths.Revocation, [("token", tokens["refresh_token"]!.ToString()), ("token_type_hint", "refresh_token")])).ShouldBe(200);
        (await TokenEndpointAsync(OidcPaths.Introspection, [("token", access)]))["active"]!.GetValue<bool>().ShouldBeFalse();
        (await UserInfoAsync(app, access)).Status.ShouldBe(401);
        (await RawAsync(OidcPaths.Revocation, [("token", "not-a-token")])).ShouldBe(200, "RFC 7009: unknown tokens are not an error");

        // Revoking an access token ends its grant too: the refresh token issued with it stops working.
        var other = await TokensAsync(app);
        (await RawAsync(OidcPaths.Revocation, [("token", other["access_token"]!.ToString()), ("token_type_hint", "access_token")])).ShouldBe(200);
        (await UserInfoAsync(app, other["access_token"]!.ToString())).Status.ShouldBe(401);
        (await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", other["refresh_token"]!.ToString())])).Body["error"]!.ToString().ShouldBe("invalid_grant");
        (await RawAsync(OidcPaths.Introspection, [("token", access), ("client_id", Public)], basic: false)).ShouldBe(401, "public clients cannot introspect");
    }

    [Fact]
    public async Task A_password_change_or_disabled_account_ends_the_grants_given_before()
    {
        var tokens = await TokensAsync(app, email: "institute.admin@example.com");
        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(200);
        await app.Database.ScalarAsync<int>("UPDATE users SET security_stamp = 'CHANGED' || security_stamp WHERE normalized_email = 'INSTITUTE.ADMIN@EXAMPLE.COM' RETURNING 1");

        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(401);
        (await TokenEndpointAsync(OidcPaths.Introspection, [("token", tokens["refresh_token"]!.ToString())]))["active"]!.GetValue<bool>().ShouldBeFalse();
        (await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"]!.ToString())])).Body["error"]!.ToString().ShouldBe("invalid_grant");
        await app.Database.ScalarAsync<int>("UPDATE users SET security_stamp = substr(security_stamp, 8) WHERE normalized_email = 'INSTITUTE.ADMIN@EXAMPLE.COM' RETURNING 1");
    }

    [Fact]
    public async Task Introspection_answers_only_about_the_callers_own_tokens()
    {
        var mine = (await TokensAsync(app))["access_token"]!.ToString();
        (await TokenEndpointAsync(OidcPaths.Introspection, [("token", mine)]))["active"]!.GetValue<bool>().ShouldBeTrue();
        (await TokenEndpointAsync(OidcPaths.Introspection, [("token", mine)], ThirdParty))["active"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Only_browser_applications_registered_as_public_clients_may_call_the_token_endpoint_across_origins()
    {
        using var http = app.CreateClient();
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string origin, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, OidcPaths.Token) { Content = content };
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization");
            return await http.SendAsync(request);
        }

        var spaOrigin = new Uri(SpaRedirect).GetLeftPart(UriPartial.Authority);
        var preflight = await SendAsync(HttpMethod.Options, spaOrigin);
        preflight.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([spaOrigin]);
        preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("Authorization");

        (await SendAsync(HttpMethod.Options, "https://rp.example.gov.cn")).Headers.Contains("Access-Control-Allow-Origin")
            .ShouldBeFalse("a confidential client calls from its server");
        (await SendAsync(HttpMethod.Options, "https://evil.example.com")).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        var answer = await SendAsync(HttpMethod.Post, spaOrigin,
            new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("client_id", Public), new("refresh_token", "unknown")]));
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([spaOrigin], "the application can read the error too");
    }

    [Fact]
    public async Task Disabling_a_client_ends_its_tokens_at_once()
    {
        await app.RunRecipeAsync(IpPlatform.Kernel.Recipes.RecipeSource.FromStream("disabled.recipe.json", new MemoryStream(Encoding.UTF8.GetBytes($$"""
            { "name": "a client to disable", "steps": [ { "step": "oidc-clients", "clients": [
              { "clientId": "test-disabled", "name": "将停用的系统", "type": "confidential", "secret": "{{Secret}}", "firstParty": true,
                "redirectUris": ["{{Redirect}}"], "scopes": ["openid", "offline_access"], "grantTypes": ["authorization_code", "refresh_token"] } ] } ] }
            """))));
        var browser = await app.SignedInAsync(Applicant);
        var code = Returned(await browser.GetAsync(AuthorizeUrl(clientId: "test-disabled", scope: "openid offline_access")))["code"];
        var (_, tokens) = await TokenAsync(app, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect)], "test-disabled");
        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(200);

        await app.Database.ScalarAsync<int>("UPDATE oidc_clients SET disabled = true WHERE client_id = 'test-disabled' RETURNING 1");
        app.Services.GetRequiredService<OidcClientCache>().Invalidate("test-disabled"); // what the administrator's save does

        (await UserInfoAsync(app, tokens["access_token"]!.ToString())).Status.ShouldBe(401);
        (await TokenAsync(app, [("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"]!.ToString())], "test-disabled")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Housekeeping_deletes_codes_and_refresh_tokens_a_day_after_they_expired_and_keeps_live_ones()
    {
        var browser = await app.SignedInAsync(Applicant);
        var (old, fresh) = (await CodeAsync(browser), await CodeAsync(browser));
        await app.Database.ScalarAsync<int>($"UPDATE oidc_tokens SET creation_date = creation_date - interval '16 days', expiration_date = expiration_date - interval '16 days' WHERE reference_id = '{OpaqueToken.Hash(old)}' RETURNING 1");

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<OidcHousekeeping>().PurgeAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM oidc_tokens WHERE reference_id = '{OpaqueToken.Hash(old)}'")).ShouldBe(0);
        (await ExchangeAsync(app, fresh)).Status.ShouldBe(200);
    }

    private async Task<JsonObject> TokenEndpointAsync(string path, (string, string)[] form, string client = Confidential)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(client + ":" + Secret)));
        var response = await http.PostAsync(path, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<int> RawAsync(string path, (string, string)[] form, bool basic = true)
    {
        using var http = app.CreateClient();
        if (basic)
        {
            http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Confidential + ":" + Secret)));
        }

        return (int)(await http.PostAsync(path, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))))).StatusCode;
    }
}
