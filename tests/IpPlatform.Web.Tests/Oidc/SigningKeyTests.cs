using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Oidc;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Oidc;

/// <summary>The provider's signing keys: RS256 with kid, private keys encrypted at rest, rotation with an overlap window.</summary>
public sealed class SigningKeyTests(WebFixture app)
{
    private async Task<JsonArray> JwksAsync()
    {
        var response = await app.CreateClient().GetAsync("/.well-known/jwks");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/jwk-set+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray();
    }

    private static RSA? FromJwks(JsonArray keys, string kid) =>
        keys.FirstOrDefault(k => k!["kid"]!.ToString() == kid) is { } key
            ? RSA.Create(new RSAParameters { Modulus = Jws.FromBase64Url(key["n"]!.ToString()), Exponent = Jws.FromBase64Url(key["e"]!.ToString()) })
            : null;

    [Fact]
    public async Task Tokens_are_signed_rs256_with_a_published_kid_and_keys_rotate_with_an_overlap()
    {
        var ring = app.Services.GetRequiredService<SigningKeyRing>();
        ring.Reload();
        var first = await ring.GetAsync();
        var token = Jws.Sign(new JsonObject { ["sub"] = "测试", ["iss"] = "http://ipp.test" }, first.Current, first.Kid);

        var keys = await JwksAsync();
        var published = keys.Single(k => k!["kid"]!.ToString() == first.Kid)!;
        (published["kty"]!.ToString(), published["alg"]!.ToString(), published["use"]!.ToString()).ShouldBe(("RSA", "RS256", "sig"));
        keys.ShouldAllBe(k => k!["d"] == null, "no private parts in the JWKS");
        keys.ShouldAllBe(k => k!["kty"]!.ToString() == "RSA", "the internal HMAC key of codes and refresh tokens is never published");
        Jws.Verify(token, kid => FromJwks(keys, kid))!["sub"]!.ToString().ShouldBe("测试");

        // Tampered payload, unknown kid or "alg": "none" never verify.
        var parts = token.Split('.');
        Jws.Verify($"{parts[0]}.{Jws.Base64Url("{\"sub\":\"admin\"}"u8)}.{parts[2]}", kid => FromJwks(keys, kid)).ShouldBeNull();
        Jws.Verify($"{Jws.Base64Url("{\"alg\":\"none\",\"kid\":\"x\"}"u8)}.{parts[1]}.", kid => FromJwks(keys, kid)).ShouldBeNull();

        // The private key is stored encrypted.
        var stored = await app.Database.ScalarAsync<string>($"SELECT protected_private_key FROM oidc_signing_keys WHERE kid = '{first.Kid}'");
        stored!.ShouldNotStartWith("MII");
        Should.Throw<Exception>(() => RSA.Create().ImportPkcs8PrivateKey(Convert.FromBase64String(stored), out _));

        // A day before the rotation period ends, the next key is published but does not sign yet.
        await app.Database.ScalarAsync<int>($"UPDATE oidc_signing_keys SET created_at = now() - interval '29 days 1 hour', activates_at = now() - interval '29 days 1 hour' WHERE kid = '{first.Kid}' RETURNING 1");
        ring.Reload();
        (await ring.GetAsync()).Kid.ShouldBe(first.Kid);
        keys = await JwksAsync();
        var next = keys.Select(k => k!["kid"]!.ToString()).Where(k => k != first.Kid).ShouldHaveSingleItem("the next key is in the JWKS before it signs");

        // When it takes over it signs; the old key stays published until its overlap ends.
        await app.Database.ScalarAsync<int>($"UPDATE oidc_signing_keys SET activates_at = now() - interval '1 minute' WHERE kid = '{next}' RETURNING 1");
        ring.Reload();
        var second = await ring.GetAsync();
        second.Kid.ShouldBe(next);
        keys = await JwksAsync();
        keys.Select(k => k!["kid"]!.ToString()).ShouldContain(first.Kid);
        Jws.Verify(token, kid => FromJwks(keys, kid)).ShouldNotBeNull("tokens of the retired key verify during the overlap");
        (await app.Database.ScalarAsync<DateTime?>($"SELECT retired_at FROM oidc_signing_keys WHERE kid = '{first.Kid}'")).ShouldNotBeNull();

        await app.Database.ScalarAsync<int>($"UPDATE oidc_signing_keys SET unpublish_at = now() - interval '1 minute' WHERE kid = '{first.Kid}' RETURNING 1");
        ring.Reload();
        (await JwksAsync()).Select(k => k!["kid"]!.ToString()).ShouldBe([second.Kid]);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'oidc.signing-key-created'")).ShouldBeGreaterThanOrEqualTo(2);
    }
}
